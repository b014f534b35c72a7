package org.yimeng.volunteer.attendance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The organiser's rotating attendance code, RFC 6238 style: HMAC-SHA256 under the activity's own secret of the
 * activity id and the 30-second time step, dynamically truncated (RFC 4226 §5.3) to 8 digits. The step before the
 * current one is still accepted (a code scanned just before it turned); two steps back is stale. The activity id is
 * inside the MAC, so one activity's code never opens another's even if their secrets were equal.
 *
 * <p>What the QR encodes, and what the app sends back as {@code code}: {@code yimeng:attend:<activityId>:<8 digits>}.
 * The id tells which activity; the digits prove the scanner was there within the last minute.
 */
public final class AttendanceCode {
    public static final long STEP_SECONDS = 30;
    public static final int DIGITS = 8;
    public static final String PREFIX = "yimeng:attend:";
    private static final int MODULUS = 100_000_000;

    private AttendanceCode() {
    }

    /** The time step an instant falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** When the code of the step containing {@code at} stops being the current one. */
    public static Instant validUntil(Instant at) {
        return Instant.ofEpochSecond((step(at) + 1) * STEP_SECONDS);
    }

    /** The 8-digit code of one activity in one step. */
    public static String code(byte[] secret, UUID activityId, long step) {
        byte[] mac = hmac(secret, ByteBuffer.allocate(24).putLong(activityId.getMostSignificantBits())
                .putLong(activityId.getLeastSignificantBits()).putLong(step).array());
        int offset = mac[mac.length - 1] & 0x0f;
        int binary = ((mac[offset] & 0x7f) << 24) | ((mac[offset + 1] & 0xff) << 16)
                | ((mac[offset + 2] & 0xff) << 8) | (mac[offset + 3] & 0xff);
        return String.format("%0" + DIGITS + "d", binary % MODULUS);
    }

    /** The code that is current at {@code at}. */
    public static String current(byte[] secret, UUID activityId, Instant at) {
        return code(secret, activityId, step(at));
    }

    /** Whether {@code code} is this activity's code of the current or the previous step; constant-time compare. */
    public static boolean accepts(byte[] secret, UUID activityId, String code, Instant now) {
        if (code == null || code.length() != DIGITS) {
            return false;
        }
        long step = step(now);
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        // both steps are always computed and compared, so the time taken tells nothing
        boolean current = MessageDigest.isEqual(given, code(secret, activityId, step).getBytes(StandardCharsets.US_ASCII));
        boolean previous = MessageDigest.isEqual(given,
                code(secret, activityId, step - 1).getBytes(StandardCharsets.US_ASCII));
        return current | previous;
    }

    /** The QR payload for an activity's code. */
    public static String payload(UUID activityId, String code) {
        return PREFIX + activityId + ":" + code;
    }

    /** A scanned payload split into the activity and its digits; empty when it is not one of ours. */
    public static Optional<Scanned> parse(String payload) {
        if (payload == null || !payload.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = payload.substring(PREFIX.length());
        int colon = rest.lastIndexOf(':');
        if (colon != 36 || rest.length() != 37 + DIGITS) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Scanned(UUID.fromString(rest.substring(0, colon)), rest.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A parsed payload. */
    public record Scanned(UUID activityId, String code) {
    }

    private static byte[] hmac(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
