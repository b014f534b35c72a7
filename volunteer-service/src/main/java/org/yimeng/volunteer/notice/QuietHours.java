package org.yimeng.volunteer.notice;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A person's quiet hours, local time of the programme's zone; a window may cross midnight (21:00–08:00). A non-urgent
 * notice created inside them is held until they end.
 */
public record QuietHours(LocalTime from, LocalTime to) {
    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    public QuietHours {
        if (from == null || to == null || from.equals(to)) {
            throw new IllegalArgumentException("quiet hours need two different times");
        }
    }

    public boolean contains(LocalTime t) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** When a notice created at {@code now} may go out: now, or the end of the quiet hours it falls in. */
    public Instant notBefore(Instant now, ZoneId zone, boolean urgent) {
        ZonedDateTime local = now.atZone(zone);
        if (urgent || !contains(local.toLocalTime())) {
            return now;
        }
        ZonedDateTime end = local.toLocalDate().atTime(to).atZone(zone);
        if (!end.isAfter(local)) {
            end = local.toLocalDate().plusDays(1).atTime(to).atZone(zone);
        }
        return end.toInstant();
    }
}
