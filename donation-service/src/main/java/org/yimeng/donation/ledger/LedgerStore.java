package org.yimeng.donation.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.yimeng.donation.ledger.LedgerCommand.DonationReceipt;
import org.yimeng.donation.ledger.LedgerCommand.FundingOutcome;
import org.yimeng.donation.ledger.LedgerCommand.Posted;
import org.yimeng.donation.ledger.LedgerDecider.Head;
import org.yimeng.donation.ledger.LedgerDecider.PiggyBankRow;
import org.yimeng.donation.ledger.LedgerDecider.PriorDecision;
import org.yimeng.donation.ledger.LedgerRows.BalanceChange;
import org.yimeng.donation.ledger.LedgerRows.DisbursementRow;
import org.yimeng.donation.ledger.LedgerRows.DonationRow;
import org.yimeng.donation.ledger.LedgerRows.DonorRow;
import org.yimeng.donation.ledger.LedgerRows.FundingDecisionRow;
import org.yimeng.donation.ledger.LedgerRows.ReversalRow;
import org.yimeng.donation.piggybank.PiggyBank;

/**
 * The writer's SQL, one method per table, on the connection of one batch transaction. Every read and write is one
 * statement for the whole batch (arrays in, {@code unnest} on the server): the round trips per batch stay fixed
 * however many commands it holds.
 */
final class LedgerStore {
    private final Connection c;

    LedgerStore(Connection c) {
        this.c = c;
    }

    // ---- chain_head -------------------------------------------------------------------------------------------

    /** Locks the chain head: the batch's appends are the only ones until it commits. */
    Head lockHead() throws SQLException {
        // set_config(..., true) = SET LOCAL, in the same round trip: the batch's statements are planned for their
        // actual arguments each time. The driver's server-side prepared statements otherwise settle on a generic
        // plan made while the donation table was still small (a scan), and kept it as the table grew: the key
        // look-up took 40-80 ms per batch under HTTP load instead of under 1 ms (docs/donation-service.md).
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence, hash, recorded_at, "
                + "set_config('plan_cache_mode', 'force_custom_plan', true) FROM chain_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime last = rs.getObject(3, OffsetDateTime.class);
            return new Head(rs.getLong(1), rs.getString(2), last == null ? null : last.toInstant());
        }
    }

    void updateHead(Head head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE chain_head SET sequence = ?, hash = ?, recorded_at = ?::timestamptz WHERE id = 1")) {
            ps.setLong(1, head.sequence());
            ps.setString(2, head.hash());
            ps.setString(3, ChainHash.instant(head.recordedAt()));
            ps.executeUpdate();
        }
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    Map<UUID, FundingOutcome> fundingDecisions(Set<UUID> requestIds) throws SQLException {
        Map<UUID, FundingOutcome> out = new HashMap<>();
        if (requestIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT request_id, activity_id, community_id, approved, "
                + "entry_id, reason, balance_after_fen FROM funding_decision WHERE request_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", requestIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), new FundingOutcome(rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getBoolean(4),
                            rs.getObject(5, UUID.class), rs.getString(6), rs.getLong(7), true));
                }
            }
        }
        return out;
    }

    /** The donations recorded under these idempotency keys, as their first answer (replayed). */
    Map<String, PriorDecision.Recorded> donations(Set<String> idempotencyKeys) throws SQLException {
        Map<String, PriorDecision.Recorded> out = new HashMap<>();
        if (idempotencyKeys.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT d.idempotency_key, d.request_hash, e.entry_id, "
                + "e.sequence, e.community_id, e.amount_fen, d.receipt_no, e.hash, e.recorded_at "
                + "FROM donation d JOIN ledger_entry e ON e.entry_id = d.entry_id WHERE d.idempotency_key = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", idempotencyKeys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new PriorDecision.Recorded(rs.getString(2),
                            new DonationReceipt(rs.getObject(3, UUID.class), rs.getLong(4), rs.getObject(5, UUID.class),
                                    rs.getLong(6), rs.getString(7), rs.getString(8),
                                    rs.getObject(9, OffsetDateTime.class).toInstant(), 0, true)));
                }
            }
        }
        return out;
    }

    Map<String, PiggyBankRow> piggyBanks(Set<String> codes) throws SQLException {
        Map<String, PiggyBankRow> out = new HashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT code, id, community_id, status FROM piggy_bank WHERE code = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new PiggyBankRow(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            PiggyBank.ACTIVE.equals(rs.getString(4))));
                }
            }
        }
        return out;
    }

    /** Which of these communities the ledger knows (from volunteer-service's events). */
    Set<UUID> communities(Set<UUID> ids) throws SQLException {
        Set<UUID> out = new HashSet<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM community WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }

    /** The disbursements paid for these requests, each with its fund's balance right after it. */
    Map<UUID, Posted> disbursements(Set<UUID> requestIds) throws SQLException {
        Map<UUID, Posted> out = new HashMap<>();
        if (requestIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT d.request_id, " + LedgerQueries.ENTRY_COLUMNS_E
                + " FROM disbursement d JOIN ledger_entry e ON e.entry_id = d.entry_id WHERE d.request_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", requestIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Entry e = LedgerQueries.entry(rs, 2);
                    out.put(rs.getObject(1, UUID.class),
                            new Posted(e, LedgerQueries.fundBalanceThrough(c, e.communityId(), e.sequence()), true));
                }
            }
        }
        return out;
    }

    /** {@code ledger_entry} by id: the entries to be reversed. */
    Map<UUID, Entry> entries(Set<UUID> entryIds) throws SQLException {
        Map<UUID, Entry> out = new HashMap<>();
        if (entryIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerQueries.ENTRY_COLUMNS
                + " FROM ledger_entry WHERE entry_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", entryIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Entry e = LedgerQueries.entry(rs, 1);
                    out.put(e.entryId(), e);
                }
            }
        }
        return out;
    }

    /** Of these entries, those already reversed, each with its reversal's entry id. */
    Map<UUID, UUID> reversalsOf(Set<UUID> entryIds) throws SQLException {
        Map<UUID, UUID> out = new HashMap<>();
        if (entryIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT reversal_of, entry_id FROM ledger_entry WHERE reversal_of = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", entryIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                }
            }
        }
        return out;
    }

    /** Locks and reads the balances of these accounts (in account order, as every batch does: no deadlock). */
    Map<Account, Long> lockBalances(Set<Account> accounts) throws SQLException {
        Map<Account, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT account, balance_fen FROM account_balance WHERE account = ANY(?) ORDER BY account FOR UPDATE")) {
            ps.setArray(1, c.createArrayOf("text", accounts.stream().map(Account::format).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(Account.parse(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** {@code n} numbers from {@code receipt_no_seq}. */
    List<Long> nextReceiptNumbers(int n) throws SQLException {
        List<Long> out = new ArrayList<>(n);
        if (n == 0) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT nextval('receipt_no_seq') FROM generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    // ---- writes -----------------------------------------------------------------------------------------------

    /** One statement for the batch's entries, in sequence order, as the link trigger needs. */
    void insertEntries(List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        insert("INSERT INTO ledger_entry (sequence, entry_id, type, community_id, debit_account, credit_account, "
                + "amount_fen, occurred_at, recorded_at, reversal_of, prev_hash, hash) "
                + "SELECT * FROM unnest(?::bigint[], ?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::bigint[], "
                + "?::timestamptz[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[]) ORDER BY 1", entries,
                column("bigint", Entry::sequence), column("text", Entry::entryId), column("text", e -> e.type().name()),
                column("text", Entry::communityId), column("text", Entry::debitAccount),
                column("text", Entry::creditAccount), column("bigint", Entry::amountFen),
                column("text", e -> ChainHash.instant(e.occurredAt())), column("text", e -> ChainHash.instant(e.recordedAt())),
                column("text", Entry::reversalOf), column("text", Entry::prevHash), column("text", Entry::hash));
    }

    void insertDonations(List<DonationRow> rows) throws SQLException {
        insert("INSERT INTO donation (entry_id, idempotency_key, request_hash, receipt_no, piggy_bank_id, channel, "
                + "anonymous) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], "
                + "?::boolean[])", rows, column("text", DonationRow::entryId), column("text", DonationRow::idempotencyKey),
                column("text", DonationRow::requestHash), column("text", DonationRow::receiptNo),
                column("text", DonationRow::piggyBankId), column("text", DonationRow::channel),
                column("boolean", DonationRow::anonymous));
    }

    void insertDonors(List<DonorRow> rows) throws SQLException {
        insert("INSERT INTO donor (entry_id, name, phone) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[])", rows,
                column("text", DonorRow::entryId), column("text", DonorRow::name), column("text", DonorRow::phone));
    }

    void insertDisbursements(List<DisbursementRow> rows) throws SQLException {
        insert("INSERT INTO disbursement (entry_id, request_id, activity_id, purpose) "
                + "SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[])", rows,
                column("text", DisbursementRow::entryId), column("text", DisbursementRow::requestId),
                column("text", DisbursementRow::activityId), column("text", DisbursementRow::purpose));
    }

    void insertFundingDecisions(List<FundingDecisionRow> rows) throws SQLException {
        insert("INSERT INTO funding_decision (request_id, activity_id, community_id, amount_fen, approved, "
                + "entry_id, reason, balance_after_fen, decided_at) SELECT * FROM unnest(?::uuid[], ?::uuid[], "
                + "?::uuid[], ?::bigint[], ?::boolean[], ?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[])", rows,
                column("text", FundingDecisionRow::requestId), column("text", FundingDecisionRow::activityId),
                column("text", FundingDecisionRow::communityId), column("bigint", FundingDecisionRow::amountFen),
                column("boolean", FundingDecisionRow::approved), column("text", FundingDecisionRow::entryId),
                column("text", FundingDecisionRow::reason), column("bigint", FundingDecisionRow::balanceAfterFen),
                column("text", r -> ChainHash.instant(r.decidedAt())));
    }

    void insertReversals(List<ReversalRow> rows) throws SQLException {
        insert("INSERT INTO reversal (entry_id, reason, requested_by) SELECT * FROM unnest(?::uuid[], ?::text[], "
                + "?::text[])", rows, column("text", ReversalRow::entryId), column("text", ReversalRow::reason),
                column("text", ReversalRow::requestedBy));
    }

    /** Moves existing {@code account_balance} rows (locked by {@link #lockBalances}). */
    void updateBalances(List<BalanceChange> changes) throws SQLException {
        insert("UPDATE account_balance b SET balance_fen = b.balance_fen + d.delta "
                + "FROM unnest(?::text[], ?::bigint[]) AS d(account, delta) WHERE b.account = d.account", changes,
                column("text", ch -> ch.account().format()), column("bigint", BalanceChange::deltaFen));
    }

    /** The first {@code account_balance} row of an account; only a fund carries its community. */
    void insertBalances(List<BalanceChange> changes) throws SQLException {
        insert("INSERT INTO account_balance (account, kind, community_id, balance_fen) "
                + "SELECT * FROM unnest(?::text[], ?::text[], ?::uuid[], ?::bigint[])", changes,
                column("text", ch -> ch.account().format()), column("text", ch -> ch.account().kind()),
                column("text", ch -> ch.account() instanceof Account.Fund f ? f.communityId() : null),
                column("bigint", BalanceChange::deltaFen));
    }

    /** One array parameter: its SQL element type and how to read it off a row. */
    private record Column<R>(String sqlType, Function<R, Object> value) {
    }

    private static <R> Column<R> column(String sqlType, Function<R, Object> value) {
        return new Column<>(sqlType, value);
    }

    @SafeVarargs
    private <R> void insert(String sql, Collection<R> rows, Column<R>... columns) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int col = 0; col < columns.length; col++) {
                Object[] values = new Object[rows.size()];
                int i = 0;
                for (R row : rows) {
                    Object v = columns[col].value().apply(row);
                    // numbers and booleans as they are, the rest (UUIDs) as text cast on the server
                    values[i++] = v == null || v instanceof Long || v instanceof Boolean ? v : v.toString();
                }
                ps.setArray(col + 1, c.createArrayOf(columns[col].sqlType(), values));
            }
            ps.executeUpdate();
        }
    }
}
