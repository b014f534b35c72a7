package org.yimeng.donation.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY table (columns) FROM STDIN (FORMAT binary)} fed row by row from Java. Binary, because PostgreSQL
 * then parses nothing (a text timestamptz or uuid costs the server more than the row's insert); rows are buffered
 * and written in 256 KB chunks, so the server works on one chunk while Java builds the next.
 */
final class CopyStream {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for binary timestamps, in Unix microseconds. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int CHUNK = 1 << 18;

    private final CopyIn in;
    private byte[] buf = new byte[CHUNK + 4096];
    private int len;
    private long rows;

    private CopyStream(CopyIn in) {
        this.in = in;
        System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
        len = HEADER.length;
    }

    static CopyStream open(Connection c, String table, String... columns) throws SQLException {
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
        return new CopyStream(c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
    }

    /** Starts a row of {@code fields} values; then one call per value, in column order. */
    CopyStream row(int fields) throws SQLException {
        if (len >= CHUNK) {
            flush();
        }
        rows++;
        ensure(2);
        buf[len++] = (byte) (fields >>> 8);
        buf[len++] = (byte) fields;
        return this;
    }

    CopyStream int8(long v) {
        ensure(12);
        putInt(8);
        putLong(v);
        return this;
    }

    CopyStream bool(boolean v) {
        ensure(5);
        putInt(1);
        buf[len++] = (byte) (v ? 1 : 0);
        return this;
    }

    CopyStream uuid(UUID v) {
        if (v == null) {
            return nul();
        }
        ensure(20);
        putInt(16);
        putLong(v.getMostSignificantBits());
        putLong(v.getLeastSignificantBits());
        return this;
    }

    /** text, char(n) (the server pads nothing here: ledger hashes are exactly 64 characters). */
    CopyStream text(String v) {
        if (v == null) {
            return nul();
        }
        int n = v.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = v.charAt(i) < 0x80;
        }
        if (!ascii) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            ensure(4 + b.length);
            putInt(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }
        ensure(4 + n);
        putInt(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) v.charAt(i);
        }
        return this;
    }

    /** timestamptz from Unix epoch microseconds. */
    CopyStream timestamptz(long epochMicros) {
        ensure(12);
        putInt(8);
        putLong(epochMicros - PG_EPOCH_MICROS);
        return this;
    }

    CopyStream nul() {
        ensure(4);
        putInt(-1);
        return this;
    }

    long rows() {
        return rows;
    }

    /** Ends the COPY (the trailer), which commits it when the connection is in autocommit mode. */
    long end() throws SQLException {
        ensure(2);
        buf[len++] = (byte) 0xff;
        buf[len++] = (byte) 0xff;
        flush();
        return in.endCopy();
    }

    void cancel() {
        try {
            if (in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException e) {
            // the connection is closed next anyway
        }
    }

    private void flush() throws SQLException {
        if (len > 0) {
            in.writeToCopy(buf, 0, len);
            len = 0;
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void putInt(int v) {
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
