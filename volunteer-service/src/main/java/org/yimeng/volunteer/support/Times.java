package org.yimeng.volunteer.support;

import java.time.Instant;
import java.time.LocalDate;

/** Timestamps and dates as native queries return them (the driver's types vary with the column and the query). */
public final class Times {
    private Times() {
    }

    public static Instant instant(Object o) {
        if (o == null || o instanceof Instant) {
            return (Instant) o;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }

    public static LocalDate date(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
