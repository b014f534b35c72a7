package org.yimeng.volunteer.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NoticeRulesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(SHANGHAI).toInstant();
    }

    @Test
    void eachStartBelongsToTheWindowOfTheSmallestOffsetThatCoversIt() {
        List<NoticeRules.ReminderWindow> w = NoticeRules.reminderWindows(NOW,
                List.of(Duration.ofHours(24), Duration.ofHours(2)));
        assertEquals(2, w.size());
        assertEquals(new NoticeRules.ReminderWindow(Duration.ofHours(2), NOW, NOW.plus(Duration.ofHours(2))), w.get(0));
        assertEquals(new NoticeRules.ReminderWindow(Duration.ofHours(24), NOW.plus(Duration.ofHours(2)),
                NOW.plus(Duration.ofHours(24))), w.get(1));
        assertEquals("PT2H", w.get(0).slot());
    }

    @Test
    void zeroNegativeAndRepeatedOffsetsAreIgnored() {
        List<NoticeRules.ReminderWindow> w = NoticeRules.reminderWindows(NOW,
                List.of(Duration.ZERO, Duration.ofHours(-1), Duration.ofHours(2), Duration.ofHours(2)));
        assertEquals(1, w.size());
    }

    @Test
    void theWeeklyNudgeIsDueFromItsMomentUntilTheEndOfTheIsoWeek() {
        DayOfWeek sat = DayOfWeek.SATURDAY;
        LocalTime ten = LocalTime.of(10, 0);
        // 2026-07-04 is a Saturday of ISO week 27
        assertEquals(Optional.empty(), NoticeRules.weeklyNudgeSlot(local("2026-07-04T09:59"), SHANGHAI, sat, ten));
        assertEquals(Optional.of("2026-W27"), NoticeRules.weeklyNudgeSlot(local("2026-07-04T10:00"), SHANGHAI, sat, ten));
        assertEquals(Optional.of("2026-W27"), NoticeRules.weeklyNudgeSlot(local("2026-07-05T23:59"), SHANGHAI, sat, ten));
        assertEquals(Optional.empty(), NoticeRules.weeklyNudgeSlot(local("2026-07-06T00:00"), SHANGHAI, sat, ten));
    }

    @Test
    void theWeekOfANewYearIsTheIsoWeekBasedYears() {
        // 2027-01-02 is the Saturday of ISO week 53 of 2026
        assertTrue(NoticeRules.weeklyNudgeSlot(local("2027-01-02T12:00"), SHANGHAI, DayOfWeek.SATURDAY,
                LocalTime.of(10, 0)).orElseThrow().equals("2026-W53"));
    }
}
