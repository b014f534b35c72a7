package org.yimeng.donation.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The hash rule of api.md, and nothing else: {@code line = sequence|entryId|type|communityId|debitAccount|
 * creditAccount|amountFen|occurredAt|recordedAt|reversalOf|prevHash}, hash = lowercase hex SHA-256 of its UTF-8
 * bytes; instants in UTC with exactly six fraction digits; an absent value is the empty string.
 *
 * <p>An instance is a reusable, single-threaded hasher that writes the line straight into a byte buffer (every field
 * is ASCII), so that verifying a million entries allocates almost nothing; the static methods are the readable form.
 */
public final class ChainHash {
    /** The prevHash of sequence 1. */
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private byte[] buf = new byte[512];
    private int len;
    private final byte[] hex = new byte[64];

    public ChainHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Instants are stored by PostgreSQL with microsecond precision; hash exactly what is stored. */
    public static Instant truncate(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code 2025-05-18T04:49:00.000000Z}: the instant form of the hash line (and of the export). */
    public static String instant(Instant t) {
        return t == null ? "" : formatMicros(toMicros(t));
    }

    public static long toMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    public static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    public static String formatMicros(long micros) {
        byte[] b = new byte[27];
        writeInstant(b, 0, micros);
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** The line of api.md, for reading and for tests. */
    public static String line(long sequence, UUID entryId, String type, UUID communityId, String debitAccount,
            String creditAccount, long amountFen, Instant occurredAt, Instant recordedAt, UUID reversalOf, String prevHash) {
        return sequence + "|" + str(entryId) + "|" + str(type) + "|" + str(communityId) + "|" + str(debitAccount) + "|"
                + str(creditAccount) + "|" + amountFen + "|" + instant(occurredAt) + "|" + instant(recordedAt) + "|"
                + str(reversalOf) + "|" + str(prevHash);
    }

    /** Hash of the line built from these values; occurredAt and recordedAt must already be whole microseconds. */
    public static String hash(long sequence, UUID entryId, String type, UUID communityId, String debitAccount,
            String creditAccount, long amountFen, Instant occurredAt, Instant recordedAt, UUID reversalOf, String prevHash) {
        return sha256Hex(line(sequence, entryId, type, communityId, debitAccount, creditAccount, amountFen, occurredAt,
                recordedAt, reversalOf, prevHash));
    }

    public static String sha256Hex(String line) {
        ChainHash h = new ChainHash();
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new String(h.digestHex(bytes, bytes.length), StandardCharsets.US_ASCII);
    }

    /**
     * The fast form: hashes one line from its parts (instants as epoch microseconds, absent reversalOf as null) and
     * returns the 64 hex bytes in a buffer that the next call overwrites.
     */
    public byte[] hashHex(long sequence, String entryId, String type, String communityId, String debitAccount,
            String creditAccount, long amountFen, long occurredMicros, long recordedMicros, String reversalOf,
            String prevHash) {
        len = 0;
        putLong(sequence);
        bar();
        put(entryId);
        bar();
        put(type);
        bar();
        put(communityId);
        bar();
        put(debitAccount);
        bar();
        put(creditAccount);
        bar();
        putLong(amountFen);
        bar();
        ensure(27);
        writeInstant(buf, len, occurredMicros);
        len += 27;
        bar();
        ensure(27);
        writeInstant(buf, len, recordedMicros);
        len += 27;
        bar();
        if (reversalOf != null) {
            put(reversalOf);
        }
        bar();
        put(prevHash);
        return digestHex(buf, len);
    }

    private byte[] digestHex(byte[] bytes, int n) {
        sha256.update(bytes, 0, n);
        byte[] d = sha256.digest();
        for (int i = 0; i < 32; i++) {
            hex[2 * i] = HEX[(d[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return hex;
    }

    /** True when the 64 hex bytes equal the string (which the database gives as char(64)). */
    public static boolean sameHex(byte[] hex64, String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            if (hex64[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void bar() {
        ensure(1);
        buf[len++] = '|';
    }

    private void put(String s) {
        int n = s.length();
        ensure(n * 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[len++] = (byte) c;
            } else { // account names and ids are ASCII; stay correct for anything else
                byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < n) {
                    u = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                ensure(u.length);
                System.arraycopy(u, 0, buf, len, u.length);
                len += u.length;
            }
        }
    }

    private void putLong(long v) {
        if (v < 0) {
            put(Long.toString(v));
            return;
        }
        ensure(20);
        int start = len;
        do {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v > 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /** Writes {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (27 bytes) for years 0000..9999. */
    private static void writeInstant(byte[] b, int at, long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("instant out of range: " + micros);
        }
        digits(b, at, year, 4);
        b[at + 4] = '-';
        digits(b, at + 5, date.getMonthValue(), 2);
        b[at + 7] = '-';
        digits(b, at + 8, date.getDayOfMonth(), 2);
        b[at + 10] = 'T';
        digits(b, at + 11, secOfDay / 3600, 2);
        b[at + 13] = ':';
        digits(b, at + 14, (secOfDay / 60) % 60, 2);
        b[at + 16] = ':';
        digits(b, at + 17, secOfDay % 60, 2);
        b[at + 19] = '.';
        digits(b, at + 20, fraction, 6);
        b[at + 26] = 'Z';
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            b[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
