package org.yimeng.volunteer.me;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GoalStreakTest {
    private static final LocalDate THIS_MONDAY = LocalDate.of(2025, 5, 12);

    private static Map<LocalDate, Long> weeks(long... minutesFromLastWeekBack) {
        Map<LocalDate, Long> m = new HashMap<>();
        for (int i = 0; i < minutesFromLastWeekBack.length; i++) {
            m.put(THIS_MONDAY.minusWeeks(i + 1), minutesFromLastWeekBack[i]);
        }
        return m;
    }

    @Test
    void countsConsecutiveCompleteWeeksThatMetTheGoalWhileThisWeekIsStillShort() {
        Map<LocalDate, Long> m = weeks(60, 90, 60, 30, 60);
        m.put(THIS_MONDAY, 20L);
        assertEquals(3, GoalStreak.weeks(m, THIS_MONDAY, 60), "this unfinished week does not break the streak");
    }

    @Test
    void includesThisWeekOnceItHasMetTheGoal() {
        Map<LocalDate, Long> m = weeks(60, 60);
        m.put(THIS_MONDAY, 60L);
        assertEquals(3, GoalStreak.weeks(m, THIS_MONDAY, 60));
    }

    @Test
    void aShortLastWeekEndsTheStreakWhateverCameBefore() {
        assertEquals(0, GoalStreak.weeks(weeks(59, 60, 60, 60), THIS_MONDAY, 60));
    }

    @Test
    void aWeekWithoutServiceBreaksTheStreak() {
        Map<LocalDate, Long> m = weeks(60);
        m.put(THIS_MONDAY.minusWeeks(3), 120L); // week -2 absent
        assertEquals(1, GoalStreak.weeks(m, THIS_MONDAY, 60));
    }

    @Test
    void noServiceIsNoStreak() {
        assertEquals(0, GoalStreak.weeks(Map.of(), THIS_MONDAY, 60));
        assertEquals(1, GoalStreak.weeks(Map.of(THIS_MONDAY, 61L), THIS_MONDAY, 60));
    }

    @Test
    void streakCrossesTheYearBoundaryByIsoWeeks() {
        LocalDate monday = LocalDate.of(2026, 1, 5); // ISO week 2 of 2026; week 1 began on 29 Dec 2025
        Map<LocalDate, Long> m = Map.of(LocalDate.of(2025, 12, 29), 60L, LocalDate.of(2025, 12, 22), 60L);
        assertEquals(2, GoalStreak.weeks(m, monday, 60));
    }
}
