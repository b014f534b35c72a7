package org.yimeng.donation.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads a sequence range of the chain in order, in constant memory: a server-side cursor (autocommit off, fetch
 * size) on one snapshot (REPEATABLE READ), each row handed to a visitor and forgotten. Instants arrive as epoch
 * microseconds so that neither side parses timestamps. Used by export and verify.
 */
@ApplicationScoped
public class ChainStream {
    static final int FETCH_SIZE = 10_000;

    @Inject
    DataSource dataSource;

    /** Visits one row; the strings are the database's text of each column, reversalOf null when absent. */
    public interface Visitor {
        void row(long sequence, String entryId, String type, String communityId, String debitAccount,
                String creditAccount, long amountFen, long occurredMicros, long recordedMicros, String reversalOf,
                String prevHash, String hash) throws Exception;
    }

    /** What the range is read against: the head and the stored hash just before the range. */
    public interface Session {
        long headSequence();

        String headHash();

        /** The stored hash of {@code sequence} (64 zeros for 0), or null when there is no such entry. */
        String storedHash(long sequence) throws SQLException;

        /** Digests (sequence → hash) within [from, to]. */
        java.util.Map<Long, String> digests(long from, long to) throws SQLException;

        void stream(long from, long to, Visitor visitor) throws Exception;
    }

    public interface Work<T> {
        T run(Session s) throws Exception;
    }

    public <T> T read(Work<T> work) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (var st = c.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                long headSeq;
                String headHash;
                try (PreparedStatement ps = c.prepareStatement("SELECT sequence, hash FROM chain_head WHERE id = 1");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    headSeq = rs.getLong(1);
                    headHash = rs.getString(2);
                }
                T result = work.run(new Session() {
                    @Override
                    public long headSequence() {
                        return headSeq;
                    }

                    @Override
                    public String headHash() {
                        return headHash;
                    }

                    @Override
                    public String storedHash(long sequence) throws SQLException {
                        if (sequence == 0) {
                            return ChainHash.GENESIS;
                        }
                        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM ledger_entry WHERE sequence = ?")) {
                            ps.setLong(1, sequence);
                            try (ResultSet rs = ps.executeQuery()) {
                                return rs.next() ? rs.getString(1) : null;
                            }
                        }
                    }

                    @Override
                    public java.util.Map<Long, String> digests(long from, long to) throws SQLException {
                        java.util.Map<Long, String> out = new java.util.HashMap<>();
                        try (PreparedStatement ps = c.prepareStatement(
                                "SELECT head_sequence, head_hash FROM ledger_digest WHERE head_sequence BETWEEN ? AND ?")) {
                            ps.setLong(1, from);
                            ps.setLong(2, to);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    out.put(rs.getLong(1), rs.getString(2));
                                }
                            }
                        }
                        return out;
                    }

                    @Override
                    public void stream(long from, long to, Visitor v) throws Exception {
                        try (PreparedStatement ps = c.prepareStatement("SELECT sequence, entry_id, type, community_id, "
                                + "debit_account, credit_account, amount_fen, "
                                + "(extract(epoch FROM occurred_at) * 1000000)::bigint, "
                                + "(extract(epoch FROM recorded_at) * 1000000)::bigint, reversal_of, prev_hash, hash "
                                + "FROM ledger_entry WHERE sequence BETWEEN ? AND ? ORDER BY sequence")) {
                            ps.setFetchSize(FETCH_SIZE);
                            ps.setLong(1, from);
                            ps.setLong(2, to);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    v.row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                            rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10),
                                            rs.getString(11), rs.getString(12));
                                }
                            }
                        }
                    }
                });
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
