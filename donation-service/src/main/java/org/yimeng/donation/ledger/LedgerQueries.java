package org.yimeng.donation.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** SQL shared by the writer and the readers: the entry's columns in hash-line order and how to read them. */
final class LedgerQueries {
    static final String ENTRY_COLUMNS = "sequence, entry_id, type, community_id, debit_account, credit_account, amount_fen, "
            + "occurred_at, recorded_at, reversal_of, prev_hash, hash";
    static final String ENTRY_COLUMNS_E = "e.sequence, e.entry_id, e.type, e.community_id, e.debit_account, "
            + "e.credit_account, e.amount_fen, e.occurred_at, e.recorded_at, e.reversal_of, e.prev_hash, e.hash";

    private LedgerQueries() {
    }

    /** Reads the twelve entry columns starting at column {@code at}. */
    static Entry entry(ResultSet rs, int at) throws SQLException {
        return new Entry(rs.getLong(at), rs.getObject(at + 1, UUID.class), EntryType.valueOf(rs.getString(at + 2)),
                rs.getObject(at + 3, UUID.class), rs.getString(at + 4), rs.getString(at + 5), rs.getLong(at + 6),
                rs.getObject(at + 7, OffsetDateTime.class).toInstant(), rs.getObject(at + 8, OffsetDateTime.class).toInstant(),
                rs.getObject(at + 9, UUID.class), rs.getString(at + 10), rs.getString(at + 11));
    }

    /** A community fund's balance right after entry {@code sequence}: its credits minus its debits up to there. */
    static long fundBalanceThrough(Connection c, UUID communityId, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(CASE WHEN credit_account = ? THEN amount_fen "
                + "ELSE -amount_fen END), 0) FROM ledger_entry WHERE community_id = ? AND sequence <= ?")) {
            ps.setString(1, Account.fund(communityId).format());
            ps.setObject(2, communityId);
            ps.setLong(3, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
