package org.yimeng.donation.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.yimeng.donation.ledger.Account;

/**
 * The figures of the piggy-bank page, kept per community and brought up to date by reading only the entries after
 * the ones already counted: the ledger only grows and is committed in sequence order (V6), so "entries of the
 * community after sequence S" is exactly what changed. A page view costs one index probe when nothing changed, however
 * long the fund's history (docs/donation-service.md, "Public pages"). The totals have the fund report's meaning.
 */
@ApplicationScoped
public class PublicFunds {
    /** Disbursements and box openings kept for the page, newest first. */
    static final int RECENT = 20;
    /** A community that moved more than this since it was counted is counted again from the start. */
    static final int MAX_DELTA = 5_000;

    @Inject
    DataSource dataSource;

    private final Cache<UUID, State> states = Caffeine.newBuilder().maximumSize(20_000).build();

    /** A disbursement as the public sees it. */
    public record Spent(long sequence, UUID entryId, String title, long amountFen, Instant occurredAt, boolean reversed) {
    }

    /** A box's opening: the collector's count recorded as one CASH donation, with its receipt (checkable like any). */
    public record Opening(long sequence, UUID piggyBankId, String receiptNo, long amountFen, Instant occurredAt) {
    }

    /** The page's figures as of ledger sequence {@code throughSequence} (the community's last entry counted). */
    public record Figures(UUID communityId, long donatedFen, long donationCount, long spentFen, long correctionsFen,
            long balanceFen, long disbursementCount, List<Spent> recentSpending, List<Opening> recentOpenings,
            long throughSequence) {
        public List<Opening> openingsOf(UUID piggyBankId) {
            return recentOpenings.stream().filter(o -> o.piggyBankId().equals(piggyBankId)).toList();
        }
    }

    private static final class State {
        long through;
        long donated;
        long donations;
        long spent;
        long disbursements;
        long corrections;
        final Deque<Spent> spending = new ArrayDeque<>();
        final Map<UUID, Deque<Opening>> openings = new HashMap<>();
        volatile Figures figures;
    }

    /** The current figures of {@code communityId}'s fund. */
    public Figures of(UUID communityId) {
        State state = states.get(communityId, id -> new State());
        synchronized (state) {
            try (Connection c = dataSource.getConnection()) {
                if (state.figures == null || !catchUp(c, communityId, state)) {
                    count(c, communityId, state);
                }
                return state.figures;
            } catch (SQLException e) {
                throw new IllegalStateException("public fund figures", e);
            }
        }
    }

    /** Counts the community's whole history up to the chain head read first (consistent: later entries come after). */
    private void count(Connection c, UUID communityId, State s) throws SQLException {
        s.spending.clear();
        s.openings.clear();
        long through = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(max(sequence), 0) FROM ledger_entry WHERE community_id = ?")) {
            ps.setObject(1, communityId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                through = rs.getLong(1);
            }
        }
        String fund = Account.fund(communityId).format();
        try (PreparedStatement ps = c.prepareStatement("SELECT "
                + "coalesce(sum(amount_fen) FILTER (WHERE type = 'DONATION'), 0), "
                + "count(*) FILTER (WHERE type = 'DONATION'), "
                + "coalesce(sum(amount_fen) FILTER (WHERE type = 'DISBURSEMENT'), 0), "
                + "count(*) FILTER (WHERE type = 'DISBURSEMENT'), "
                + "coalesce(sum(CASE WHEN credit_account = ? THEN amount_fen ELSE -amount_fen END) "
                + "FILTER (WHERE type = 'REVERSAL'), 0) "
                + "FROM ledger_entry WHERE community_id = ? AND sequence <= ?")) {
            ps.setString(1, fund);
            ps.setObject(2, communityId);
            ps.setLong(3, through);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                s.donated = rs.getLong(1);
                s.donations = rs.getLong(2);
                s.spent = rs.getLong(3);
                s.disbursements = rs.getLong(4);
                s.corrections = rs.getLong(5);
            }
        }
        List<Spent> spending = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH paid AS MATERIALIZED (SELECT sequence FROM ledger_entry "
                + "WHERE community_id = ? AND type = 'DISBURSEMENT' AND sequence <= ? ORDER BY sequence DESC LIMIT "
                + RECENT + ") SELECT e.sequence, e.entry_id, d.purpose, e.amount_fen, e.occurred_at, "
                + "EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reversal_of = e.entry_id AND r.sequence <= ?) FROM paid "
                + "JOIN ledger_entry e ON e.sequence = paid.sequence JOIN disbursement d ON d.entry_id = e.entry_id "
                + "ORDER BY e.sequence")) {
            ps.setObject(1, communityId);
            ps.setLong(2, through);
            ps.setLong(3, through);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    spending.add(new Spent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getLong(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getBoolean(6)));
                }
            }
        }
        spending.forEach(x -> push(s.spending, x));
        try (PreparedStatement ps = c.prepareStatement("SELECT e.sequence, d.piggy_bank_id, d.receipt_no, e.amount_fen, "
                + "e.occurred_at FROM donation d JOIN ledger_entry e ON e.entry_id = d.entry_id "
                + "WHERE d.piggy_bank_id IN (SELECT id FROM piggy_bank WHERE community_id = ?) AND d.channel = 'CASH' "
                + "AND e.sequence <= ? ORDER BY e.sequence")) {
            ps.setObject(1, communityId);
            ps.setLong(2, through);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Opening o = new Opening(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getLong(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant());
                    push(s.openings.computeIfAbsent(o.piggyBankId(), k -> new ArrayDeque<>()), o);
                }
            }
        }
        s.through = through;
        publish(communityId, s);
    }

    /** Applies the entries after {@code s.through}; false when there are too many (count again instead). */
    private boolean catchUp(Connection c, UUID communityId, State s) throws SQLException {
        String fund = Account.fund(communityId).format();
        int seen = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT e.sequence, e.entry_id, e.type, e.amount_fen, "
                + "e.credit_account, e.reversal_of, e.occurred_at, b.purpose, d.piggy_bank_id, d.channel, d.receipt_no "
                + "FROM ledger_entry e LEFT JOIN disbursement b ON b.entry_id = e.entry_id "
                + "LEFT JOIN donation d ON d.entry_id = e.entry_id "
                + "WHERE e.community_id = ? AND e.sequence > ? ORDER BY e.sequence LIMIT " + (MAX_DELTA + 1))) {
            ps.setObject(1, communityId);
            ps.setLong(2, s.through);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (++seen > MAX_DELTA) {
                        return false;
                    }
                    long sequence = rs.getLong(1);
                    UUID entryId = rs.getObject(2, UUID.class);
                    long amount = rs.getLong(4);
                    Instant at = rs.getObject(7, OffsetDateTime.class).toInstant();
                    switch (rs.getString(3)) {
                        case "DONATION" -> {
                            s.donated += amount;
                            s.donations++;
                            UUID box = rs.getObject(9, UUID.class);
                            if (box != null && "CASH".equals(rs.getString(10))) {
                                push(s.openings.computeIfAbsent(box, k -> new ArrayDeque<>()),
                                        new Opening(sequence, box, rs.getString(11), amount, at));
                            }
                        }
                        case "DISBURSEMENT" -> {
                            s.spent += amount;
                            s.disbursements++;
                            push(s.spending, new Spent(sequence, entryId, rs.getString(8), amount, at, false));
                        }
                        case "REVERSAL" -> {
                            s.corrections += fund.equals(rs.getString(5)) ? amount : -amount;
                            UUID reversed = rs.getObject(6, UUID.class);
                            List<Spent> kept = new ArrayList<>(s.spending);
                            s.spending.clear();
                            for (Spent x : kept) {
                                s.spending.addLast(x.entryId().equals(reversed) ? new Spent(x.sequence(), x.entryId(),
                                        x.title(), x.amountFen(), x.occurredAt(), true) : x);
                            }
                        }
                        default -> throw new IllegalStateException("entry type " + rs.getString(3));
                    }
                    s.through = sequence;
                }
            }
        }
        if (seen > 0) {
            publish(communityId, s);
        }
        return true;
    }

    private static <T> void push(Deque<T> newestFirst, T item) {
        newestFirst.addFirst(item);
        while (newestFirst.size() > RECENT) {
            newestFirst.removeLast();
        }
    }

    private static void publish(UUID communityId, State s) {
        List<Opening> openings = new ArrayList<>();
        s.openings.values().forEach(openings::addAll);
        openings.sort((a, b) -> Long.compare(b.sequence(), a.sequence()));
        s.figures = new Figures(communityId, s.donated, s.donations, s.spent, s.corrections,
                s.donated - s.spent + s.corrections, s.disbursements, List.copyOf(s.spending), List.copyOf(openings),
                s.through);
    }
}
