package org.yimeng.volunteer.me;

import java.time.LocalDate;
import java.util.Map;

/**
 * The streak of ISO weeks (Mondays in Asia/Shanghai) that met the weekly goal. It ends with this week when this
 * week has met the goal already, otherwise with the last complete week: an unfinished week does not break a streak
 * until it is over.
 */
public final class GoalStreak {
    private GoalStreak() {
    }

    /**
     * @param minutesByMonday confirmed minutes per ISO week, keyed by the week's Monday (weeks without service absent)
     * @param thisMonday      Monday of the current week
     * @param goalMinutes     the weekly goal (60)
     */
    public static int weeks(Map<LocalDate, Long> minutesByMonday, LocalDate thisMonday, long goalMinutes) {
        LocalDate week = met(minutesByMonday, thisMonday, goalMinutes) ? thisMonday : thisMonday.minusWeeks(1);
        int streak = 0;
        while (met(minutesByMonday, week, goalMinutes)) {
            streak++;
            week = week.minusWeeks(1);
        }
        return streak;
    }

    private static boolean met(Map<LocalDate, Long> minutesByMonday, LocalDate monday, long goalMinutes) {
        return minutesByMonday.getOrDefault(monday, 0L) >= goalMinutes;
    }
}
