package org.yimeng.volunteer.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Where a county stands against the pilot target; with no communities there is nothing to meet. */
class PilotStateTest {

    @Test
    void aCountyWithNoCommunitiesHasNothingToMeet() {
        assertEquals(PilotState.NO_COMMUNITIES, PilotState.of(0, 0, 0));
        assertNull(PilotState.of(0, 0, 0).meetsTarget());
    }

    @Test
    void pilotsAtOrAboveTheRequiredNumberMeetTheTarget() {
        assertEquals(PilotState.MEETS_TARGET, PilotState.of(15, 3, 3));
        assertEquals(Boolean.TRUE, PilotState.of(15, 4, 3).meetsTarget());
        assertEquals(PilotState.BELOW_TARGET, PilotState.of(16, 3, 4));
        assertEquals(Boolean.FALSE, PilotState.of(16, 3, 4).meetsTarget());
    }
}
