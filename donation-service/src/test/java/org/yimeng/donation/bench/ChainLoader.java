package org.yimeng.donation.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;


import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.donation.ledger.EntryType;
import org.yimeng.local.TestStack;

/**
 * Bulk-appends entries to the chain for the benches. Each entry is chained onto the head and hashed here by the rule
 * of api.md (the {@link ChainHash} the verifier uses), and streamed with binary COPY as a superuser with triggers off
 * ({@code session_replication_role = replica}). Rows beside the chain (donation, donor, disbursement, …) go through
 * their own COPY streams on their own connections, so that PostgreSQL stores them on the second core while the entries
 * are loaded. {@link #finish()} moves {@code chain_head} and {@code account_balance} to match, in the entries'
 * transaction.
 *
 * <p>Before loading, the secondary indexes, unique and foreign-key constraints of the ledger tables and the insert
 * guard (a statement trigger with a transition table: PostgreSQL keeps a copy of every inserted row for it even when
 * it does not fire) are dropped; they are created again from their own catalog definitions after the load, which
 * builds each index with one sort instead of ten million insertions and re-validates every foreign key over the
 * loaded rows. This is for throwaway bench databases only: a failed load leaves the ledger broken.
 */
final class ChainLoader implements AutoCloseable {
    /** The tables whose secondary indexes, constraints and statement triggers are set aside while loading. */
    static final List<String> BULK_TABLES = List.of("ledger_entry", "donation", "donor", "disbursement",
            "funding_decision", "reversal");

    /** How long each phase took, in seconds. */
    record Timings(long head, long appended, double copySeconds, double indexSeconds, double vacuumSeconds) {
    }

    private static final class Account {
        final String kind;
        final UUID community;
        final boolean existing;
        long balance;
        long delta;

        Account(String kind, UUID community, boolean existing, long balance) {
            this.kind = kind;
            this.community = community;
            this.existing = existing;
            this.balance = balance;
        }
    }

    private final Connection main;
    private final List<Connection> sideConnections = new ArrayList<>();
    private final Map<String, CopyStream> side = new LinkedHashMap<>();
    private final List<String> restore = new ArrayList<>();
    private final ChainHash hasher = new ChainHash();
    private final Map<String, Account> accounts = new HashMap<>();
    private final SplittableRandom random;
    private final long startHead;
    private final long started = System.nanoTime();
    private CopyStream entries;
    private long head;
    private String headHash;
    private long headRecordedMicros;
    private boolean finished;

    private ChainLoader(Connection main, long seed) {
        this.main = main;
        this.random = new SplittableRandom(seed);
        try {
            setAside();
            main.setAutoCommit(false);
            try (Statement st = main.createStatement()) {
                st.execute("SET session_replication_role = replica");
                try (ResultSet rs = st.executeQuery("SELECT sequence, hash, (extract(epoch FROM recorded_at) * 1000000)::bigint "
                        + "FROM chain_head WHERE id = 1 FOR UPDATE")) {
                    rs.next();
                    head = rs.getLong(1);
                    headHash = rs.getString(2);
                    headRecordedMicros = rs.getLong(3);
                }
                try (ResultSet rs = st.executeQuery("SELECT account, kind, community_id, balance_fen FROM account_balance")) {
                    while (rs.next()) {
                        accounts.put(rs.getString(1), new Account(rs.getString(2), rs.getObject(3, UUID.class), true, rs.getLong(4)));
                    }
                }
            }
            startHead = head;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the chain loader", e);
        }
    }

    /** Opens the loader on the service's database (a superuser connection); {@code seed} makes entry ids repeatable. */
    static ChainLoader open(long seed) throws SQLException {
        return new ChainLoader(TestStack.superuser(), seed);
    }

    long head() {
        return head;
    }

    long headRecordedMicros() {
        return headRecordedMicros;
    }

    /** A UUIDv7 for an entry recorded at {@code recordedMicros}, as {@code Ids.newId()} makes at that moment. */
    UUID newId(long recordedMicros) {
        long millis = Math.floorDiv(recordedMicros, 1000);
        long msb = (millis << 16) | (0x7L << 12) | random.nextInt(1 << 12);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    SplittableRandom random() {
        return random;
    }

    /**
     * Appends one entry after the head: the next sequence, prevHash = the head's hash. {@code recordedMicros} never
     * goes back along the chain and {@code occurredMicros} is never after it (the writer's rules, which the
     * table's CHECK and the reads rely on). {@code communityText} is {@code communityId.toString()}, passed in
     * because callers have it at hand.
     */
    void append(UUID entryId, EntryType type, UUID communityId, String communityText, String debit, String credit,
            long amountFen, long occurredMicros, long recordedMicros, UUID reversalOf) throws SQLException {
        if (recordedMicros < headRecordedMicros || occurredMicros > recordedMicros || amountFen <= 0) {
            throw new IllegalArgumentException("entry " + (head + 1) + " breaks the chain's time or amount rules");
        }
        if (entries == null) {
            entries = CopyStream.open(main, "ledger_entry", "sequence", "entry_id", "type", "community_id",
                    "debit_account", "credit_account", "amount_fen", "occurred_at", "recorded_at", "reversal_of",
                    "prev_hash", "hash");
        }
        long sequence = head + 1;
        String id = entryId.toString();
        String hash = new String(hasher.hashHex(sequence, id, type.name(), communityText, debit, credit, amountFen,
                occurredMicros, recordedMicros, reversalOf == null ? null : reversalOf.toString(), headHash),
                StandardCharsets.US_ASCII);
        entries.row(12).int8(sequence).uuid(entryId).text(type.name()).uuid(communityId).text(debit).text(credit)
                .int8(amountFen).timestamptz(occurredMicros).timestamptz(recordedMicros).uuid(reversalOf)
                .text(headHash).text(hash);
        move(debit, -amountFen, communityId);
        move(credit, amountFen, communityId);
        head = sequence;
        headHash = hash;
        headRecordedMicros = recordedMicros;
    }

    String headHash() {
        return headHash;
    }

    /** The running balance of an account (credits minus debits), existing rows included. */
    long balance(String account) {
        Account a = accounts.get(account);
        return a == null ? 0 : a.balance;
    }

    /** A COPY stream into another table, on its own connection (committed by {@link #finish()}). */
    CopyStream side(String table, String... columns) throws SQLException {
        CopyStream s = side.get(table);
        if (s == null) {
            Connection c = TestStack.superuser();
            sideConnections.add(c);
            try (Statement st = c.createStatement()) {
                st.execute("SET session_replication_role = replica");
            }
            s = CopyStream.open(c, table, columns);
            side.put(table, s);
        }
        return s;
    }

    /**
     * Ends every stream, moves the head and the balances, commits; then re-creates what was set aside and runs
     * VACUUM ANALYZE on the loaded tables (as autovacuum would have long done on a year-old ledger; doing it here also
     * keeps autovacuum from starting in the middle of the measurements).
     */
    Timings finish() throws SQLException {
        for (CopyStream s : side.values()) {
            s.end();
        }
        if (entries != null) {
            entries.end();
        }
        try (PreparedStatement ps = main.prepareStatement(
                "UPDATE chain_head SET sequence = ?, hash = ?, recorded_at = ?::timestamptz WHERE id = 1")) {
            ps.setLong(1, head);
            ps.setString(2, headHash);
            ps.setString(3, ChainHash.formatMicros(headRecordedMicros));
            ps.executeUpdate();
        }
        writeBalances();
        main.commit();
        main.setAutoCommit(true);
        finished = true;
        double copy = (System.nanoTime() - started) / 1e9;
        long t = System.nanoTime();
        try (Statement st = main.createStatement()) {
            st.execute("SET session_replication_role = DEFAULT");
            st.execute("SET maintenance_work_mem = '512MB'");
            for (String ddl : restore) {
                long one = System.nanoTime();
                st.execute(ddl);
                System.out.printf(java.util.Locale.ROOT, "ChainLoader: %.1f s %s%n", (System.nanoTime() - one) / 1e9, ddl);
            }
        }
        double index = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        try (Statement st = main.createStatement()) {
            for (String table : BULK_TABLES) {
                st.execute("VACUUM (ANALYZE) " + table);
            }
            st.execute("VACUUM (ANALYZE) account_balance");
        }
        return new Timings(head, head - startHead, copy, index, (System.nanoTime() - t) / 1e9);
    }

    @Override
    public void close() throws SQLException {
        if (!finished) {
            for (CopyStream s : side.values()) {
                s.cancel();
            }
            if (entries != null) {
                entries.cancel();
            }
            main.rollback();
            main.setAutoCommit(true);
            // nothing of the load was committed: put the schema back as it was
            try (Statement st = main.createStatement()) {
                st.execute("SET session_replication_role = DEFAULT");
                for (String ddl : restore) {
                    st.execute(ddl);
                }
            }
        }
        for (Connection c : sideConnections) {
            c.close();
        }
        main.close();
    }

    private void move(String account, long delta, UUID communityId) {
        Account a = accounts.get(account);
        if (a == null) {
            String kind = org.yimeng.donation.ledger.Account.parse(account).kind();
            // as the writer stores them: only a fund carries its community
            a = new Account(kind, "FUND".equals(kind) ? communityId : null, false, 0);
            accounts.put(account, a);
        }
        a.balance += delta;
        a.delta += delta;
    }

    /** Existing accounts are moved by their delta, new ones inserted with their balance (the writer's rule). */
    private void writeBalances() throws SQLException {
        try (Statement st = main.createStatement()) {
            st.execute("CREATE TEMP TABLE bench_balance (account text, kind text, community_id uuid, delta bigint, existing boolean) "
                    + "ON COMMIT DROP");
        }
        CopyStream s = CopyStream.open(main, "bench_balance", "account", "kind", "community_id", "delta", "existing");
        for (var e : accounts.entrySet()) {
            Account a = e.getValue();
            if (a.delta != 0 || !a.existing) {
                s.row(5).text(e.getKey()).text(a.kind).uuid(a.community).int8(a.delta).bool(a.existing);
            }
        }
        s.end();
        try (Statement st = main.createStatement()) {
            st.executeUpdate("UPDATE account_balance b SET balance_fen = b.balance_fen + d.delta FROM bench_balance d "
                    + "WHERE d.existing AND b.account = d.account");
            st.executeUpdate("INSERT INTO account_balance (account, kind, community_id, balance_fen) "
                    + "SELECT account, kind, community_id, delta FROM bench_balance WHERE NOT existing");
        }
    }

    /**
     * Drops the secondary indexes, unique and foreign-key constraints and transition-table triggers of
     * {@link #BULK_TABLES} (and foreign keys pointing at them), remembering the DDL that re-creates each one exactly.
     */
    private void setAside() throws SQLException {
        String[] tables = BULK_TABLES.toArray(String[]::new);
        List<String> drop = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> uniques = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        try (PreparedStatement ps = main.prepareStatement("SELECT c.conrelid::regclass::text, c.conname, "
                + "pg_get_constraintdef(c.oid), c.contype FROM pg_constraint c WHERE (c.contype = 'u' "
                + "AND c.conrelid::regclass::text = ANY(?)) OR (c.contype = 'f' AND (c.conrelid::regclass::text = ANY(?) "
                + "OR c.confrelid::regclass::text = ANY(?))) ORDER BY c.contype, c.conname")) {
            ps.setArray(1, main.createArrayOf("text", tables));
            ps.setArray(2, main.createArrayOf("text", tables));
            ps.setArray(3, main.createArrayOf("text", tables));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String add = "ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(3);
                    String dropIt = "ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2);
                    if ("f".equals(rs.getString(4))) {
                        foreign.add(add);
                        drop.add(0, dropIt); // foreign keys go first: they depend on the unique indexes
                    } else {
                        uniques.add(add);
                        drop.add(dropIt);
                    }
                }
            }
        }
        try (PreparedStatement ps = main.prepareStatement("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                + "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(?) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                + "WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')) "
                + "ORDER BY 1")) {
            ps.setArray(1, main.createArrayOf("text", tables));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    drop.add("DROP INDEX " + rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = main.prepareStatement("SELECT t.tgrelid::regclass::text, t.tgname, pg_get_triggerdef(t.oid) "
                + "FROM pg_trigger t WHERE NOT t.tgisinternal AND t.tgnewtable IS NOT NULL "
                + "AND t.tgrelid::regclass::text = ANY(?) ORDER BY 2")) {
            ps.setArray(1, main.createArrayOf("text", tables));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    triggers.add(rs.getString(3));
                    drop.add("DROP TRIGGER " + rs.getString(2) + " ON " + rs.getString(1));
                }
            }
        }
        try (Statement st = main.createStatement()) {
            for (String ddl : drop) {
                st.execute(ddl);
            }
        }
        restore.addAll(uniques);
        restore.addAll(indexes);
        restore.addAll(foreign);
        restore.addAll(triggers);
    }
}
