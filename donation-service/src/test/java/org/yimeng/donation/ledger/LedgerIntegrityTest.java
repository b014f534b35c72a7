package org.yimeng.donation.ledger;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.donation.Fixtures.as;
import static org.yimeng.donation.Fixtures.count;
import static org.yimeng.donation.Fixtures.number;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.donation.ledger.LedgerCommand.Posted;
import org.yimeng.kit.error.ApiException;
import org.yimeng.local.TestStack;
import org.yimeng.model.ErrorCode;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The ledger's promises under pressure, on the real PostgreSQL: exact and never-negative funds under concurrent
 * donations, disbursements and reversals; no fork or gap whoever writes; append-only for the owner and the runtime
 * role; tampering caught by verify.
 */
@QuarkusTest
class LedgerIntegrityTest {
    @Inject
    ObjectMapper mapper;

    @Inject
    LedgerService ledger;

    @Inject
    DigestService digests;

    @Test
    void concurrentDonationsAndDisbursementsKeepTheFundExactAndNeverNegative() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String token = TestStack.token("COLLECTOR");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Object>> work = new ArrayList<>();
        AtomicInteger approved = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i < 200; i++) {
            work.add(() -> RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .body("{\"communityId\":\"" + community + "\",\"amountFen\":100,\"channel\":\"CASH\"}")
                    .post("/api/v1/donations").then().statusCode(201).extract().path("entryId"));
        }
        for (int i = 0; i < 150; i++) {
            work.add(() -> {
                try {
                    LedgerService.await(ledger.disburse(community, UUID.randomUUID(), 150, "茶水", UUID.randomUUID()));
                    approved.incrementAndGet();
                } catch (ApiException e) {
                    assertEquals(ErrorCode.INSUFFICIENT_FUNDS, e.code());
                    refused.incrementAndGet();
                }
                return null;
            });
        }
        java.util.Collections.shuffle(work);
        for (Future<Object> f : pool.invokeAll(work)) {
            f.get();
        }
        pool.shutdown();
        long expected = 200 * 100 - approved.get() * 150L;
        assertTrue(approved.get() > 0 && approved.get() + refused.get() == 150);
        assertEquals(expected, Fixtures.fundBalance(community));
        as("AUDITOR").get("/api/v1/ledger/communities/" + community + "/balance").then().statusCode(200)
                .body("balanceFen", equalTo((int) expected));
        // the fund, replayed entry by entry in chain order, never dipped below zero
        assertEquals(0, number("SELECT count(*) FROM (SELECT sum(CASE WHEN credit_account = 'community:" + community
                + ":fund' THEN amount_fen ELSE -amount_fen END) OVER (ORDER BY sequence) AS running FROM ledger_entry "
                + "WHERE community_id = '" + community + "') r WHERE running < 0"));
        assertBooksBalance();
    }

    @Test
    void disbursementIsDecidedOncePerRequest() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        Fixtures.donateTo(community, 1000);
        UUID request = UUID.randomUUID();
        UUID activity = UUID.randomUUID();
        Posted first = LedgerService.await(ledger.disburse(community, activity, 600, "志愿大集物资", request));
        Posted again = LedgerService.await(ledger.disburse(community, activity, 600, "志愿大集物资", request));
        assertEquals(first.entry().entryId(), again.entry().entryId());
        assertTrue(again.replayed());
        assertEquals(400, first.balanceAfterFen());
        assertEquals(400, again.balanceAfterFen());
        assertEquals("activity:" + activity + ":spending", first.entry().creditAccount());
        ApiException e = assertThrows(ApiException.class,
                () -> LedgerService.await(ledger.disburse(community, activity, 401, "超支", UUID.randomUUID())));
        assertEquals(ErrorCode.INSUFFICIENT_FUNDS, e.code());
        assertEquals(400, Fixtures.fundBalance(community));
    }

    @Test
    void concurrentReversalsOfOneEntryAppendExactlyOne() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String entryId = Fixtures.donateTo(community, 800).path("entryId");
        String token = TestStack.token("FINANCE");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"reason\":\"重复录入\"}").post("/api/v1/ledger/entries/" + entryId + "/reversal"));
        }
        int created = 0;
        for (Future<Response> f : pool.invokeAll(calls)) {
            Response r = f.get();
            if (r.statusCode() == 201) {
                created++;
                r.then().body("type", equalTo("REVERSAL")).body("reversalOf", equalTo(entryId))
                        .body("debitAccount", equalTo("community:" + community + ":fund"))
                        .body("creditAccount", equalTo("city:donations-in")).body("amountFen", equalTo(800));
            } else {
                r.then().statusCode(409).body("code", equalTo("ALREADY_REVERSED"));
            }
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(0, Fixtures.fundBalance(community));
        assertEquals(1, count("ledger_entry WHERE reversal_of = '" + entryId + "'"));
    }

    @Test
    void reversalRulesAndRoles() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String donation = Fixtures.donateTo(community, 500).path("entryId");
        Posted spent = LedgerService.await(ledger.disburse(community, UUID.randomUUID(), 300, "应急物资", UUID.randomUUID()));
        long entries = count("ledger_entry");
        // the fund holds 200: reversing the 500 gift would overdraw it
        as("FINANCE").body("{\"reason\":\"录错\"}").post("/api/v1/ledger/entries/" + donation + "/reversal").then()
                .statusCode(422).body("code", equalTo("INSUFFICIENT_FUNDS"));
        as("AUDITOR").body("{\"reason\":\"x\"}").post("/api/v1/ledger/entries/" + donation + "/reversal").then().statusCode(403);
        as("FINANCE").body("{\"reason\":\"\"}").post("/api/v1/ledger/entries/" + donation + "/reversal").then().statusCode(422);
        as("FINANCE").body("{\"reason\":\"x\"}").post("/api/v1/ledger/entries/" + UUID.randomUUID() + "/reversal").then()
                .statusCode(404);
        assertEquals(entries, count("ledger_entry"));
        // reversing the disbursement gives the money back to the fund
        String reversal = as("FINANCE").body("{\"reason\":\"活动取消\"}")
                .post("/api/v1/ledger/entries/" + spent.entry().entryId() + "/reversal").then().statusCode(201)
                .body("creditAccount", equalTo("community:" + community + ":fund")).extract().path("entryId");
        assertEquals(500, Fixtures.fundBalance(community));
        as("FINANCE").body("{\"reason\":\"again\"}").post("/api/v1/ledger/entries/" + reversal + "/reversal").then()
                .statusCode(422).body("code", equalTo("REVERSAL_NOT_REVERSIBLE"));
        // with an Idempotency-Key the answer is replayed
        String key = UUID.randomUUID().toString();
        Response first = as("FINANCE").header("Idempotency-Key", key).body("{\"reason\":\"退款\"}")
                .post("/api/v1/ledger/entries/" + donation + "/reversal");
        first.then().statusCode(201);
        as("FINANCE").header("Idempotency-Key", key).body("{\"reason\":\"退款\"}")
                .post("/api/v1/ledger/entries/" + donation + "/reversal").then().statusCode(201)
                .body("entryId", equalTo(first.path("entryId")));
        assertEquals(0, Fixtures.fundBalance(community));
        assertBooksBalance();
    }

    @Test
    void forkAndGapAttemptsFailWhileTheWriterAppends() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> donations = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            donations.add(pool.submit(() -> Fixtures.donateTo(community, 10)));
        }
        // meanwhile, writers that bypass the service try to insert at a taken sequence, link to a stale hash, or
        // leave a gap: the primary key and the link trigger refuse every one of them
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> forks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int variant = i % 3;
            forks.add(pool.submit(() -> {
                try (Connection c = TestStack.superuser(); var st = c.createStatement()) {
                    var rs = st.executeQuery("SELECT sequence, hash FROM chain_head");
                    rs.next();
                    long head = rs.getLong(1);
                    String hash = rs.getString(2);
                    long seq = variant == 0 ? head : variant == 1 ? head + 1 : head + 2;
                    String prev = variant == 1 ? ChainHash.GENESIS : hash;
                    Entry e = Entry.chained(seq, UUID.randomUUID(), EntryType.DONATION, community, Account.DONATIONS_IN.format(),
                            Account.fund(community).format(), 999_999, java.time.Instant.now(), java.time.Instant.now(), null, prev);
                    st.executeUpdate("INSERT INTO ledger_entry (sequence, entry_id, type, community_id, debit_account, "
                            + "credit_account, amount_fen, occurred_at, recorded_at, prev_hash, hash) VALUES (" + seq + ", '"
                            + e.entryId() + "', 'DONATION', '" + community + "', '" + e.debitAccount() + "', '"
                            + e.creditAccount() + "', 999999, '" + ChainHash.instant(e.occurredAt()) + "', '"
                            + ChainHash.instant(e.recordedAt()) + "', '" + prev + "', '" + e.hash() + "')");
                } catch (SQLException expected) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : donations) {
            f.get();
        }
        for (Future<?> f : forks) {
            f.get();
        }
        pool.shutdown();
        assertEquals(40, refused.get(), "every fork or gap attempt was refused");
        assertEquals(0, count("ledger_entry WHERE amount_fen = 999999"));
        assertEquals(number("SELECT max(sequence) FROM ledger_entry"), count("ledger_entry"), "sequences 1..n, no gap");
        as("AUDITOR").get("/api/v1/ledger/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    /** recorded_at never goes back along the chain (V6): the time-range reads count on it. */
    @Test
    void anEntryRecordedBeforeItsPredecessorIsRefused() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        Fixtures.donateTo(community, 10);
        try (Connection c = TestStack.superuser(); var st = c.createStatement()) {
            c.setAutoCommit(false); // the head's lock, as the writer takes it: nothing is appended meanwhile
            var rs = st.executeQuery("SELECT sequence, hash, recorded_at FROM chain_head FOR UPDATE");
            rs.next();
            long seq = rs.getLong(1) + 1;
            String prev = rs.getString(2);
            java.time.Instant earlier = rs.getTimestamp(3).toInstant().minusSeconds(1);
            Entry e = Entry.chained(seq, UUID.randomUUID(), EntryType.DONATION, community, Account.DONATIONS_IN.format(),
                    Account.fund(community).format(), 10, earlier, earlier, null, prev);
            SQLException refused = assertThrows(SQLException.class, () -> st.executeUpdate("INSERT INTO ledger_entry ("
                    + LedgerQueries.ENTRY_COLUMNS + ") VALUES (" + seq + ", '" + e.entryId() + "', 'DONATION', '" + community
                    + "', '" + e.debitAccount() + "', '" + e.creditAccount() + "', 10, '" + ChainHash.instant(earlier) + "', '"
                    + ChainHash.instant(earlier) + "', NULL, '" + prev + "', '" + e.hash() + "')"));
            assertTrue(refused.getMessage().contains("time goes back"), refused.getMessage());
            c.rollback();
        }
        assertEquals(0, count("ledger_entry WHERE sequence > (SELECT sequence FROM chain_head)"));
    }

    @Test
    void entriesAreAppendOnlyForTheOwnerAndTheRuntimeRoleHoldsNoUpdateOrDelete() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        Fixtures.donateTo(community, 100);
        digests.digestNow();
        try (Connection c = java.sql.DriverManager.getConnection(ownerUrl(), "ledger_owner", "ledger_owner");
                var st = c.createStatement()) {
            assertRefused(st, "UPDATE ledger_entry SET amount_fen = amount_fen + 1 WHERE community_id = '" + community + "'");
            assertRefused(st, "DELETE FROM ledger_entry WHERE community_id = '" + community + "'");
            assertRefused(st, "TRUNCATE ledger_entry CASCADE");
            assertRefused(st, "UPDATE ledger_digest SET head_hash = head_hash");
        }
        try (Connection c = TestStack.superuser(); var st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_app') THEN "
                    + "CREATE ROLE ledger_app NOLOGIN; END IF; END $$");
            st.execute("SELECT ledger_grant_app_role('ledger_app')");
            st.execute("SET ROLE ledger_app");
            assertEquals(true, st.executeQuery("SELECT count(*) > 0 FROM ledger_entry").next());
            for (String sql : List.of("UPDATE ledger_entry SET amount_fen = 1 WHERE community_id = '" + community + "'",
                    "DELETE FROM ledger_entry WHERE community_id = '" + community + "'", "TRUNCATE ledger_entry",
                    "DELETE FROM ledger_digest")) {
                SQLException e = assertThrows(SQLException.class, () -> st.execute(sql));
                assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage()); // insufficient_privilege
                assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
            }
            st.execute("RESET ROLE");
        }
        assertEquals(100, Fixtures.fundBalance(community));
    }

    @Test
    void verifyFindsARowChangedBehindTheServicesBack() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        Fixtures.donateTo(community, 100);
        long target = Fixtures.donateTo(community, 200).jsonPath().getLong("sequence");
        Fixtures.donateTo(community, 300);
        as("AUDITOR").get("/api/v1/ledger/verify").then().statusCode(200).body("valid", equalTo(true));
        try (Connection c = TestStack.superuser(); var st = c.createStatement()) {
            st.execute("SET session_replication_role = replica"); // as a superuser would: no triggers fire
            st.executeUpdate("UPDATE ledger_entry SET amount_fen = 20000 WHERE sequence = " + target);
            try {
                as("AUDITOR").get("/api/v1/ledger/verify").then().statusCode(200).body("valid", equalTo(false))
                        .body("firstInvalidSequence", equalTo((int) target))
                        .body("reason", equalTo("hash does not match the entry's fields"));
                as("FINANCE").queryParam("fromSequence", target + 1).get("/api/v1/ledger/verify").then()
                        .body("valid", equalTo(true));
                // a forger who also recomputes the row's hash breaks the link of the next entry instead
                var rs = st.executeQuery("SELECT " + LedgerQueries.ENTRY_COLUMNS + " FROM ledger_entry WHERE sequence = " + target);
                rs.next();
                Entry e = LedgerQueries.entry(rs, 1);
                Entry forged = Entry.chained(e.sequence(), e.entryId(), e.type(), e.communityId(), e.debitAccount(),
                        e.creditAccount(), 20000, e.occurredAt(), e.recordedAt(), e.reversalOf(), e.prevHash());
                st.executeUpdate("UPDATE ledger_entry SET hash = '" + forged.hash() + "' WHERE sequence = " + target);
                as("AUDITOR").get("/api/v1/ledger/verify").then().body("valid", equalTo(false))
                        .body("firstInvalidSequence", equalTo((int) target + 1));
                st.executeUpdate("UPDATE ledger_entry SET hash = '" + e.hash() + "' WHERE sequence = " + target);
            } finally {
                st.executeUpdate("UPDATE ledger_entry SET amount_fen = 200 WHERE sequence = " + target);
                st.execute("SET session_replication_role = origin");
            }
        }
        as("AUDITOR").get("/api/v1/ledger/verify").then().body("valid", equalTo(true));
    }

    @Test
    void verifyFindsEntriesCutOffTheEnd() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        Fixtures.donateTo(community, 100);
        long last = Fixtures.donateTo(community, 100).jsonPath().getLong("sequence");
        try (Connection c = TestStack.superuser(); var st = c.createStatement()) {
            var rs = st.executeQuery("SELECT " + LedgerQueries.ENTRY_COLUMNS + " FROM ledger_entry WHERE sequence = " + last);
            rs.next();
            Entry e = LedgerQueries.entry(rs, 1);
            st.execute("SET session_replication_role = replica");
            // replica mode also skips the foreign key from donation, which stays and matches again once restored
            st.executeUpdate("DELETE FROM ledger_entry WHERE sequence = " + last);
            try {
                as("AUDITOR").get("/api/v1/ledger/verify").then().body("valid", equalTo(false))
                        .body("firstInvalidSequence", equalTo((int) last));
            } finally {
                st.executeUpdate("INSERT INTO ledger_entry (" + LedgerQueries.ENTRY_COLUMNS + ") VALUES (" + e.sequence() + ", '"
                        + e.entryId() + "', '" + e.type() + "', '" + e.communityId() + "', '" + e.debitAccount() + "', '"
                        + e.creditAccount() + "', " + e.amountFen() + ", '" + ChainHash.instant(e.occurredAt()) + "', '"
                        + ChainHash.instant(e.recordedAt()) + "', NULL, '" + e.prevHash() + "', '" + e.hash() + "')");
                st.execute("SET session_replication_role = origin");
            }
        }
        as("AUDITOR").get("/api/v1/ledger/verify").then().body("valid", equalTo(true));
    }

    /** Double entry: all balances sum to zero and each equals its credits minus debits over the entries. */
    static void assertBooksBalance() {
        assertEquals(0, number("SELECT coalesce(sum(balance_fen), 0) FROM account_balance"));
        assertEquals(0, number("SELECT count(*) FROM account_balance b LEFT JOIN (SELECT account, sum(delta) AS total FROM ("
                + "SELECT credit_account AS account, amount_fen AS delta FROM ledger_entry UNION ALL "
                + "SELECT debit_account, -amount_fen FROM ledger_entry) d GROUP BY account) t ON t.account = b.account "
                + "WHERE b.balance_fen <> coalesce(t.total, 0)"));
        assertEquals(0, number("SELECT count(*) FROM account_balance WHERE kind = 'FUND' AND balance_fen < 0"));
        // every donation row has its DONATION entry (kept by the writer, not by a foreign key: see V3)
        assertEquals(0, number("SELECT count(*) FROM donation d LEFT JOIN ledger_entry e ON e.entry_id = d.entry_id "
                + "AND e.type = 'DONATION' WHERE e.entry_id IS NULL"));
        // the reads sum a fund's entries from its index (V4) and rely on these two rules of the writer: every entry of
        // a community moves that community's fund on exactly one side, and a reversal is its original's amount in
        // its original's community with the two accounts swapped
        assertEquals(0, number("SELECT count(*) FROM ledger_entry WHERE (debit_account = 'community:' || community_id || ':fund') "
                + "= (credit_account = 'community:' || community_id || ':fund')"));
        assertEquals(0, number("SELECT count(*) FROM ledger_entry r JOIN ledger_entry o ON o.entry_id = r.reversal_of "
                + "WHERE r.amount_fen <> o.amount_fen OR r.community_id <> o.community_id OR r.debit_account <> o.credit_account "
                + "OR r.credit_account <> o.debit_account"));
        // recorded_at never goes back along the chain (V6's time-range reads rely on it)
        assertEquals(0, number("SELECT count(*) FROM (SELECT recorded_at < lag(recorded_at) OVER (ORDER BY sequence) AS back "
                + "FROM ledger_entry) s WHERE back"));
        // every decision's entry is a DISBURSEMENT of the request's amount
        assertEquals(0, number("SELECT count(*) FROM funding_decision f LEFT JOIN ledger_entry e ON e.entry_id = f.entry_id "
                + "AND e.type = 'DISBURSEMENT' AND e.amount_fen = f.amount_fen WHERE f.approved AND e.entry_id IS NULL"));
    }

    private static void assertRefused(java.sql.Statement st, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> st.execute(sql));
        assertTrue(e.getMessage().contains("append-only"), e.getMessage());
    }

    private static String ownerUrl() throws SQLException {
        try (Connection c = TestStack.superuser()) {
            return c.getMetaData().getURL().replaceAll("\\?.*$", "");
        }
    }
}
