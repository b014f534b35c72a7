package org.yimeng.volunteer.notice;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** When the scheduled notices are due: plain rules, the jobs only ask the database who is concerned. */
public final class NoticeRules {
    private NoticeRules() {
    }

    /** A window of starts (from, to] whose sign-ups get the reminder of {@code offset}. */
    public record ReminderWindow(Duration offset, Instant fromExclusive, Instant toInclusive) {
        public String slot() {
            return offset.toString();
        }
    }

    /**
     * The reminder windows at {@code now}: an activity starting within the smallest offset gets that reminder, one
     * starting between two offsets the larger one. A job that was down sends only the reminder that still makes sense
     * (a 24 h reminder is not sent one hour before the start, where the 2 h one is), and never one after the start.
     */
    public static List<ReminderWindow> reminderWindows(Instant now, List<Duration> offsets) {
        List<Duration> sorted = offsets.stream().filter(d -> !d.isNegative() && !d.isZero()).distinct().sorted().toList();
        List<ReminderWindow> windows = new ArrayList<>();
        Instant from = now;
        for (Duration o : sorted) {
            Instant to = now.plus(o);
            windows.add(new ReminderWindow(o, from, to));
            from = to;
        }
        return windows;
    }

    /** The ISO week's slot ({@code 2026-W27}) once the nudge moment of that week has come, else empty. */
    public static Optional<String> weeklyNudgeSlot(Instant now, ZoneId zone, DayOfWeek day, LocalTime at) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate monday = local.toLocalDate().with(DayOfWeek.MONDAY);
        ZonedDateTime moment = monday.with(day).atTime(at).atZone(zone);
        if (local.isBefore(moment)) {
            return Optional.empty();
        }
        return Optional.of(String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
    }

    /** The last day a household could have been visited and still not be due today. */
    public static LocalDate visitDueBefore(LocalDate today, int days) {
        return today.minusDays(days);
    }
}
