package org.yimeng.volunteer.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class QuietHoursTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void aNoticeLateInTheEveningWaitsUntilEightTheNextMorning() {
        assertEquals(local("2026-07-02T08:00"), QuietHours.DEFAULT.notBefore(local("2026-07-01T22:30"), SHANGHAI, false));
    }

    @Test
    void aNoticeAfterMidnightWaitsUntilEightTheSameMorning() {
        assertEquals(local("2026-07-02T08:00"), QuietHours.DEFAULT.notBefore(local("2026-07-02T03:15"), SHANGHAI, false));
    }

    @Test
    void aNoticeInTheDaytimeGoesAtOnce() {
        Instant noon = local("2026-07-02T12:00");
        assertEquals(noon, QuietHours.DEFAULT.notBefore(noon, SHANGHAI, false));
    }

    @Test
    void theWindowIncludesItsStartAndExcludesItsEnd() {
        assertTrue(QuietHours.DEFAULT.contains(LocalTime.of(21, 0)));
        assertFalse(QuietHours.DEFAULT.contains(LocalTime.of(8, 0)));
        assertEquals(local("2026-07-02T08:00"), QuietHours.DEFAULT.notBefore(local("2026-07-02T08:00"), SHANGHAI, false));
    }

    @Test
    void anUrgentNoticeIsNeverHeld() {
        Instant night = local("2026-07-01T23:59");
        assertEquals(night, QuietHours.DEFAULT.notBefore(night, SHANGHAI, true));
    }

    @Test
    void aWindowWithinOneDayHoldsUntilItsEnd() {
        QuietHours nap = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));
        assertEquals(local("2026-07-02T14:00"), nap.notBefore(local("2026-07-02T13:00"), SHANGHAI, false));
        assertEquals(local("2026-07-02T22:00"), nap.notBefore(local("2026-07-02T22:00"), SHANGHAI, false));
    }

    @Test
    void aWindowOfNoLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QuietHours(LocalTime.of(8, 0), LocalTime.of(8, 0)));
    }

    @Test
    void remindersAndTheNudgeCanBeSwitchedOffButNothingElse() {
        Preferences none = new Preferences(false, false, QuietHours.DEFAULT);
        assertFalse(none.wants(NoticeKind.ACTIVITY_REMINDER));
        assertFalse(none.wants(NoticeKind.WEEKLY_NUDGE));
        for (NoticeKind k : NoticeKind.values()) {
            if (!k.optional()) {
                assertTrue(none.wants(k), k.name());
            }
        }
    }
}
