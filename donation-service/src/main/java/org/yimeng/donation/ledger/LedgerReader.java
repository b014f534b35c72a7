package org.yimeng.donation.ledger;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.yimeng.donation.ledger.LedgerDtos.BalanceView;
import org.yimeng.donation.ledger.LedgerDtos.EntryView;
import org.yimeng.donation.ledger.LedgerDtos.StatementView;
import org.yimeng.donation.scope.Scope;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;

/**
 * Auditors' reads. Time filters, balances and statements go by {@code occurredAt} (when the money changed hands:
 * a cash box counted on Monday belongs to Sunday); ranges are half-open, [from, to). Lists page by sequence, which
 * only ever grows, so a page never repeats or skips an entry while entries are appended.
 */
@ApplicationScoped
public class LedgerReader {
    @Inject
    DataSource dataSource;

    @Inject
    ChainStream chain;

    @Inject
    ProgrammeZone programmeZone;

    public Page<EntryView> entries(Scope.Filter scope, UUID communityId, EntryType type, Instant from, Instant to,
            int limit, String cursor) {
        String[] after = Cursor.decode(cursor, 1);
        long afterSequence = 0;
        if (after != null) {
            try {
                afterSequence = Long.parseLong(after[0]);
            } catch (NumberFormatException e) {
                throw new org.yimeng.kit.error.ApiException(org.yimeng.model.ErrorCode.INVALID_CURSOR,
                        "The cursor is not one this service issued");
            }
        }
        StringBuilder filters = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (communityId != null) {
            filters.append(" AND community_id = ?");
            params.add(communityId);
        }
        if (scope.communityId() != null) {
            filters.append(" AND community_id = ?");
            params.add(scope.communityId());
        }
        if (scope.countyCode() != null) {
            filters.append(" AND community_id IN (SELECT id FROM community WHERE county_code = ?)");
            params.add(scope.countyCode());
        }
        if (type != null) {
            filters.append(" AND type = ?");
            params.add(type.name());
        }
        if (from != null) {
            filters.append(" AND occurred_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            filters.append(" AND occurred_at < ?");
            params.add(Timestamp.from(to));
        }
        List<Entry> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // Recorded_at never goes back along the chain and nothing occurs after it is recorded (V6): whatever
            // occurred from `from` on lies at or after the first sequence recorded at `from`, and whatever occurred
            // before `to` lies before the first one recorded at `to`, except gifts back-dated across `to`. So the
            // scan by sequence starts at the first and stops at the second (June's first page no longer reads
            // January to May), and the back-dated rest is looked up apart, only when the window ran out.
            long start = Math.max(afterSequence + 1, from == null ? 1 : firstRecordedAtOrAfter(c, from));
            long end = to == null ? Long.MAX_VALUE : firstRecordedAtOrAfter(c, to);
            page(c, "sequence >= ? AND sequence < ?", List.of(start, end), filters, params, true, limit + 1, rows);
            if (end != Long.MAX_VALUE && rows.size() <= limit) {
                page(c, "sequence >= ?", List.of(Math.max(start, end)), filters, params, false, limit + 1 - rows.size(),
                        rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ledger entries", e);
        }
        return Page.of(rows, limit, EntryView::of, e -> Cursor.encode(Long.toString(e.sequence())));
    }

    /**
     * Up to {@code n} entries matching {@code range} and the filters, in sequence order, appended to {@code rows}. The
     * page's sequences are chosen first from columns that indexes hold (sequence; for a community also occurred_at
     * and type in ledger_entry_community_occurred_cover), then its rows are read: a filtered page of a large fund is
     * picked in its index instead of reading the fund's entries from the heap one by one. {@code inOrder} lets the
     * planner walk the sequence order and stop at n (the window); otherwise every match is collected first (the
     * back-dated gifts, found through the occurred_at index in the range rather than by reading the chain to its
     * end), then sorted.
     */
    private static void page(Connection c, String range, List<Long> bounds, CharSequence filters, List<Object> params,
            boolean inOrder, int n, List<Entry> rows) throws SQLException {
        String match = "SELECT sequence FROM ledger_entry WHERE " + range + filters;
        String sql = (inOrder ? "WITH page AS MATERIALIZED (" + match + " ORDER BY sequence LIMIT ?) "
                : "WITH found AS MATERIALIZED (" + match + "), page AS (SELECT sequence FROM found ORDER BY sequence LIMIT ?) ")
                + "SELECT " + LedgerQueries.ENTRY_COLUMNS + " FROM ledger_entry JOIN page USING (sequence) ORDER BY sequence";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Long b : bounds) {
                ps.setLong(i++, b);
            }
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            ps.setInt(i, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(LedgerQueries.entry(rs, 1));
                }
            }
        }
    }

    /** The first sequence recorded at or after {@code at} (the head + 1 when none is): a binary search, V6. */
    private static long firstRecordedAtOrAfter(Connection c, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ledger_first_recorded_at_or_after(?)")) {
            ps.setObject(1, at.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public BalanceView balance(UUID communityId, Instant asOf) {
        Instant at = asOf == null ? Instant.now() : asOf;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(sum(CASE WHEN credit_account = ? THEN amount_fen ELSE -amount_fen END), 0), max(sequence) "
                        + "FROM ledger_entry WHERE community_id = ? AND occurred_at < ?")) {
            ps.setString(1, Account.fund(communityId).format());
            ps.setObject(2, communityId);
            ps.setTimestamp(3, Timestamp.from(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long balance = rs.getLong(1);
                long last = rs.getLong(2);
                Long lastSequence = rs.wasNull() ? null : last;
                return new BalanceView(communityId, balance, ChainHash.instant(ChainHash.truncate(at)), lastSequence);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ledger balance", e);
        }
    }

    /**
     * One meaning of in and out (api.md "Settled details"): in = donations, out = disbursements, corrections = the
     * signed sum of reversals as they move the fund; closing = opening + in - out + corrections. Every entry of a
     * community moves that community's fund on exactly one side (the balance relies on it too), so a reversal that
     * does not credit the fund debits it: the sums read only columns of ledger_entry_community_occurred_cover (an
     * index-only scan, not one heap page per entry).
     */
    public StatementView statement(UUID communityId, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(programmeZone.zone()).toInstant();
        Instant end = to.atStartOfDay(programmeZone.zone()).toInstant();
        String fund = Account.fund(communityId).format();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT "
                + "coalesce(sum(CASE WHEN credit_account = ? THEN amount_fen ELSE -amount_fen END) FILTER (WHERE occurred_at < ?), 0), "
                + "coalesce(sum(amount_fen) FILTER (WHERE occurred_at >= ? AND type = 'DONATION'), 0), "
                + "coalesce(sum(amount_fen) FILTER (WHERE occurred_at >= ? AND type = 'DISBURSEMENT'), 0), "
                + "coalesce(sum(CASE WHEN credit_account = ? THEN amount_fen ELSE -amount_fen END) "
                + "FILTER (WHERE occurred_at >= ? AND type = 'REVERSAL'), 0), "
                + "count(*) FILTER (WHERE occurred_at >= ?) "
                + "FROM ledger_entry WHERE community_id = ? AND occurred_at < ?")) {
            Timestamp s = Timestamp.from(start);
            ps.setString(1, fund);
            ps.setTimestamp(2, s);
            ps.setTimestamp(3, s);
            ps.setTimestamp(4, s);
            ps.setString(5, fund);
            ps.setTimestamp(6, s);
            ps.setTimestamp(7, s);
            ps.setObject(8, communityId);
            ps.setTimestamp(9, Timestamp.from(end));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long opening = rs.getLong(1);
                long in = rs.getLong(2);
                long out = rs.getLong(3);
                long corrections = rs.getLong(4);
                return new StatementView(communityId, from, to, opening, in, out, corrections,
                        opening + in - out + corrections, rs.getLong(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("ledger statement", e);
        }
    }

    /**
     * The statement for finance staff as CSV (api.md "People read Chinese"): a UTF-8 BOM, Chinese headers, yuan
     * beside fen, the entries oldest first with a running balance, each with its receipt number and channel (a
     * donation, or the donation a reversal took back), its activity (a disbursement, or the one a reversal took
     * back) and the reversal's reason; an opening row first and a totals row last, with the statement's in, out and
     * corrections. Streamed. The auditors' export ({@link #export}) is another thing and stays as it is.
     */
    public void statementCsv(UUID communityId, LocalDate from, LocalDate to, OutputStream out) throws Exception {
        StatementView st = statement(communityId, from, to);
        Instant start = from.atStartOfDay(programmeZone.zone()).toInstant();
        Instant end = to.atStartOfDay(programmeZone.zone()).toInstant();
        String fund = Account.fund(communityId).format();
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT);
        StatementCsv cells = new StatementCsv(programmeZone.zone());
        csv.printRecord(StatementCsv.HEADERS);
        csv.printRecord(StatementCsv.opening(st.openingFen()));
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerQueries.ENTRY_COLUMNS_E
                    + ", coalesce(dn.receipt_no, odn.receipt_no), coalesce(dn.channel, odn.channel), "
                    + "coalesce(db.purpose, odb.purpose), rv.reason FROM ledger_entry e "
                    + "LEFT JOIN donation dn ON dn.entry_id = e.entry_id "
                    + "LEFT JOIN disbursement db ON db.entry_id = e.entry_id "
                    + "LEFT JOIN reversal rv ON rv.entry_id = e.entry_id "
                    + "LEFT JOIN donation odn ON odn.entry_id = e.reversal_of "
                    + "LEFT JOIN disbursement odb ON odb.entry_id = e.reversal_of "
                    + "WHERE e.community_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? "
                    + "ORDER BY e.occurred_at, e.sequence")) {
                ps.setFetchSize(ChainStream.FETCH_SIZE);
                ps.setObject(1, communityId);
                ps.setTimestamp(2, Timestamp.from(start));
                ps.setTimestamp(3, Timestamp.from(end));
                long balance = st.openingFen();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Entry e = LedgerQueries.entry(rs, 1);
                        balance += e.deltaFor(fund);
                        csv.printRecord(cells.row(e, fund, balance, rs.getString(13), rs.getString(14),
                                rs.getString(15), rs.getString(16)));
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(auto);
            }
        }
        csv.printRecord(StatementCsv.totals(st));
        csv.flush();
    }

    /** Entries fromSequence..toSequence as NDJSON or CSV, in sequence order, with every field of the hash line. */
    public void export(Long fromSequence, Long toSequence, boolean csv, OutputStream out) throws Exception {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        if (csv) {
            w.write("sequence,entryId,type,communityId,debitAccount,creditAccount,amountFen,occurredAt,recordedAt,"
                    + "reversalOf,prevHash,hash\r\n");
        }
        chain.read(s -> {
            long from = fromSequence == null ? 1 : fromSequence;
            long to = toSequence == null ? s.headSequence() : Math.min(toSequence, s.headSequence());
            s.stream(from, to, (seq, id, type, community, debit, credit, amount, occurred, recorded, reversalOf, prev, hash) -> {
                if (csv) {
                    Csv.row(w, Long.toString(seq), id, type, community, debit, credit, Long.toString(amount),
                            ChainHash.formatMicros(occurred), ChainHash.formatMicros(recorded),
                            reversalOf == null ? "" : reversalOf, prev, hash);
                } else {
                    w.write("{\"sequence\":");
                    w.write(Long.toString(seq));
                    field(w, "entryId", id);
                    field(w, "type", type);
                    field(w, "communityId", community);
                    field(w, "debitAccount", debit);
                    field(w, "creditAccount", credit);
                    w.write(",\"amountFen\":");
                    w.write(Long.toString(amount));
                    field(w, "occurredAt", ChainHash.formatMicros(occurred));
                    field(w, "recordedAt", ChainHash.formatMicros(recorded));
                    if (reversalOf == null) {
                        w.write(",\"reversalOf\":null");
                    } else {
                        field(w, "reversalOf", reversalOf);
                    }
                    field(w, "prevHash", prev);
                    field(w, "hash", hash);
                    w.write("}\n");
                }
            });
            return null;
        });
        w.flush();
    }

    private static void field(Writer w, String name, String value) throws java.io.IOException {
        w.write(",\"");
        w.write(name);
        w.write("\":\"");
        if (plain(value)) {
            // ledger fields never need escaping: one write, not one (synchronized) write per character, which made
            // the NDJSON export take half again as long as the CSV one
            w.write(value);
            w.write('"');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                w.write('\\');
                w.write(ch);
            } else if (ch < 0x20 || ch > 0x7e) {
                w.write(String.format("\\u%04x", (int) ch));
            } else {
                w.write(ch);
            }
        }
        w.write('"');
    }

    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\' || ch < 0x20 || ch > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
