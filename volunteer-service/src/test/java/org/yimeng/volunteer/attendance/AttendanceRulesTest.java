package org.yimeng.volunteer.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.attendance.AttendanceRules.Fence;

class AttendanceRulesTest {
    private static final Instant START = Instant.parse("2025-05-18T01:00:00Z");
    private static final Instant END = Instant.parse("2025-05-18T03:00:00Z");

    @Test
    void checkInOpensThirtyMinutesBeforeTheStartAndClosesAtTheEnd() {
        assertFalse(AttendanceRules.checkInOpen(START, END, START.minusSeconds(30 * 60 + 1)));
        assertTrue(AttendanceRules.checkInOpen(START, END, START.minusSeconds(30 * 60)));
        assertTrue(AttendanceRules.checkInOpen(START, END, END.minusSeconds(1)));
        assertFalse(AttendanceRules.checkInOpen(START, END, END));
    }

    @Test
    void checkOutRunsFromTheCheckInUntilTwoHoursAfterTheEnd() {
        Instant in = START.plusSeconds(600);
        assertFalse(AttendanceRules.checkOutOpen(in, END, in.minusSeconds(1)));
        assertTrue(AttendanceRules.checkOutOpen(in, END, in));
        assertTrue(AttendanceRules.checkOutOpen(in, END, END.plus(Duration.ofHours(2))));
        assertFalse(AttendanceRules.checkOutOpen(in, END, END.plus(Duration.ofHours(2)).plusSeconds(1)));
    }

    @Test
    void anActivityWithoutARadiusFencesNothing() {
        assertEquals(Fence.INSIDE, AttendanceRules.fence(null, null, null, null, null));
        assertEquals(Fence.INSIDE, AttendanceRules.fence(35.1, 118.3, null, 0.0, 0.0));
    }

    @Test
    void aFencedActivityNeedsAPosition() {
        assertEquals(Fence.POSITION_MISSING, AttendanceRules.fence(35.1, 118.3, 200, null, null));
        assertEquals(Fence.POSITION_MISSING, AttendanceRules.fence(35.1, 118.3, 200, 35.1, null));
    }

    @Test
    void positionsInsideTheRadiusPassAndFartherOnesDoNot() {
        // 0.001 degree of latitude is about 111 m
        assertEquals(Fence.INSIDE, AttendanceRules.fence(35.1, 118.3, 200, 35.101, 118.3));
        assertEquals(Fence.OUTSIDE, AttendanceRules.fence(35.1, 118.3, 100, 35.101, 118.3));
        assertEquals(Fence.OUTSIDE, AttendanceRules.fence(35.1, 118.3, 200, 35.11, 118.3));
    }

    @Test
    void presenceIsClippedToTheActivity() {
        AttendanceRules.Span s = AttendanceRules.clipped(START.minusSeconds(600), END.plusSeconds(600), START, END);
        assertEquals(START, s.start());
        assertEquals(END, s.end());
        assertEquals(120, s.minutes());
        assertEquals(0, AttendanceRules.clipped(END.plusSeconds(1), END.plusSeconds(60), START, END).minutes());
    }
}
