package org.yimeng.volunteer.callout;

import java.time.Instant;

/** Timestamps as native queries return them. */
final class Times {
    private Times() {
    }

    static Instant instant(Object o) {
        if (o == null || o instanceof Instant) {
            return (Instant) o;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return ((java.time.OffsetDateTime) o).toInstant();
    }
}
