package org.yimeng.volunteer.servicerecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class WorkingDaysTest {
    private static final LocalDate FRIDAY = LocalDate.of(2025, 5, 16);

    @Test
    void countsWeekdaysAfterTheServiceDay() {
        assertEquals(0, WorkingDays.between(FRIDAY, FRIDAY));
        assertEquals(0, WorkingDays.between(FRIDAY, FRIDAY.plusDays(2)), "the weekend does not count");
        assertEquals(1, WorkingDays.between(FRIDAY, FRIDAY.plusDays(3)));
        assertEquals(10, WorkingDays.between(FRIDAY, FRIDAY.plusDays(14)));
    }

    @Test
    void windowClosesAfterTenWorkingDays() {
        assertTrue(WorkingDays.withinWindow(FRIDAY, FRIDAY.plusDays(14), 10));
        assertFalse(WorkingDays.withinWindow(FRIDAY, FRIDAY.plusDays(17), 10));
        assertFalse(WorkingDays.withinWindow(FRIDAY.plusDays(1), FRIDAY, 10), "the future is outside");
    }
}
