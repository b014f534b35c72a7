package org.yimeng.volunteer.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.http.StrictQueryParams;

/**
 * Query parameters the resources take as Strings, read with the kit's rules ({@link StrictQueryParams}, the same as
 * for typed parameters): a filter the client got wrong is a 422 naming the parameter, never a 404, a silent
 * {@code false} or a value PostgreSQL refuses with a 500.
 */
public final class Params {
    private Params() {
    }

    public static UUID uuid(String name, String value) {
        return StrictQueryParams.read(UUID.class, name, value);
    }

    public static Boolean bool(String name, String value) {
        return StrictQueryParams.read(Boolean.class, name, value);
    }

    public static <E extends Enum<E>> E enumOf(Class<E> type, String name, String value) {
        return StrictQueryParams.read(type, name, value);
    }

    /** An ISO-8601 instant with a four-digit year (PostgreSQL's timestamps end before year 294,277, Java's later). */
    public static Instant instant(String name, String value) {
        return StrictQueryParams.read(Instant.class, name, value);
    }

    /** A date {@code YYYY-MM-DD}. */
    public static LocalDate date(String name, String value) {
        return StrictQueryParams.read(LocalDate.class, name, value);
    }

    /** Free text from a query: trimmed, null when blank; control characters (PostgreSQL refuses NUL) are a 422. */
    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > maxLength || v.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(name, "must be at most " + maxLength + " printable characters").detail("printableMax", maxLength);
        }
        return v;
    }
}
