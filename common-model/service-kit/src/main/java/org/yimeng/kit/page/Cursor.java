package org.yimeng.kit.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/**
 * Opaque keyset cursors: the sort key of the last item of a page, base64url-encoded so that clients treat it as a
 * token. A page read after a cursor never repeats or skips a row, whatever is inserted meanwhile.
 */
public final class Cursor {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursor() {
    }

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor of {@code expectedParts} parts; null in, null out; anything malformed is 400 INVALID_CURSOR. */
    public static String[] decode(String cursor, int expectedParts) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != expectedParts) {
                throw invalid();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** A cursor that is just an id (the common case: UUIDv7 ids sort by creation). */
    public static UUID decodeId(String cursor) {
        String[] parts = decode(cursor, 1);
        if (parts == null) {
            return null;
        }
        try {
            return UUID.fromString(parts[0]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static String encodeId(UUID id) {
        return encode(id.toString());
    }

    /** The page size: default 50, 1..500, anything else 422. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT).detail("between", 1, MAX_LIMIT);
        }
        return requested;
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_CURSOR, "The cursor is not one this service issued");
    }
}
