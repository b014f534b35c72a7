package org.yimeng.volunteer.support;

import java.util.Arrays;
import java.util.UUID;

import org.yimeng.kit.error.ApiException;

/**
 * Strict parsing of query parameters: JAX-RS would turn a bad UUID into 404 and any word into {@code false}; a
 * filter the client got wrong is a 422 naming the parameter instead.
 */
public final class Params {
    private Params() {
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "must be a UUID");
        }
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.invalid(name, "must be true or false");
        };
    }

    public static <E extends Enum<E>> E enumOf(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Free text from a query: trimmed, null when blank; control characters (PostgreSQL refuses NUL) are a 422. */
    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.length() > maxLength || v.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(name, "must be at most " + maxLength + " printable characters");
        }
        return v;
    }
}
