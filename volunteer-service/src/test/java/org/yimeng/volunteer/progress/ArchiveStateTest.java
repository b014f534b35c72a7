package org.yimeng.volunteer.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The archive state stored on the household row (V40: {@code needs_surveyed}, kept by triggers on the needs, and the
 * generated {@code archive_complete}) that the progress review counts: after every write that changes it, alone or
 * racing, it equals what the surveys, pairings and the row itself say, and the review's count follows.
 */
@QuarkusTest
class ArchiveStateTest {
    private static final String COUNTY = "371329";

    /** Households anywhere whose stored flags differ from a recount from the surveys and the row: must be none. */
    private static final String WRONG = "household h, LATERAL (SELECT EXISTS (SELECT 1 FROM survey s "
            + "JOIN survey_need n ON n.survey_id = s.id WHERE s.household_id = h.id) AS need) x "
            + "WHERE h.needs_surveyed <> x.need OR h.archive_complete <> (h.grid_id IS NOT NULL "
            + "AND cardinality(h.categories) > 0 AND h.active_pairing_id IS NOT NULL AND h.head_name <> '' "
            + "AND h.address <> '' AND x.need)";

    private static long archivesComplete() {
        return as(cityAdmin()).queryParam("countyCode", COUNTY).get("/api/v1/progress").then().statusCode(200)
                .extract().jsonPath().getLong("rows[0].archivesComplete");
    }

    private static void survey(String household, boolean withNeed) {
        List<Map<String, String>> needs = withNeed ? List.of(Map.of("type", "MEDICAL", "detail", "复诊")) : List.of();
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "网格员", "needs", needs))
                .post("/api/v1/households/" + household + "/surveys").then().statusCode(201);
    }

    private static void endPairing(String pairing) {
        as(cityAdmin()).body(Map.of("reason", "搬离")).post("/api/v1/pairings/" + pairing + "/end").then()
                .statusCode(200);
    }

    private static void categories(String household, List<String> categories) {
        as(cityAdmin()).body(Map.of("categories", categories)).patch("/api/v1/households/" + household).then()
                .statusCode(200);
    }

    private static boolean stored(String household) {
        return Fixtures.count("household WHERE id = '" + household + "' AND archive_complete") == 1;
    }

    /** The per-household verdict of the API (Archive.assess over the surveys) agrees with the stored column. */
    private static boolean agreed(String household) {
        boolean api = as(cityAdmin()).get("/api/v1/households/" + household).then().statusCode(200).extract()
                .jsonPath().getBoolean("archive.complete");
        assertEquals(api, stored(household), household);
        return api;
    }

    private static void assertReview(long base, long expected, String household, boolean complete) {
        assertEquals(complete, agreed(household));
        assertEquals(base + expected, archivesComplete());
        assertEquals(0, Fixtures.count(WRONG));
    }

    @Test
    void archivesCompleteFollowsSurveysPairingsCategoriesAndErasure() {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, grid);
        long base = archivesComplete();

        String h = Fixtures.household(community, grid);
        assertReview(base, 0, h, false);
        survey(h, false); // a survey that found no need does not complete the archive
        assertReview(base, 0, h, false);
        String first = Fixtures.pairing(h, a, b);
        assertReview(base, 0, h, false);
        survey(h, true);
        assertReview(base, 1, h, true);
        categories(h, List.of());
        assertReview(base, 0, h, false);
        categories(h, List.of("LOW_INCOME"));
        assertReview(base, 1, h, true);
        endPairing(first);
        assertReview(base, 0, h, false);
        Fixtures.pairing(h, a, b);
        assertReview(base, 1, h, true);
        as(cityAdmin()).post("/api/v1/households/" + h + "/erase").then().statusCode(200);
        assertReview(base, 1, h, true); // erasure keeps the archive (domain.md)

        // a need removed behind the service's back is recounted: the other need-less survey does not count
        Fixtures.sql("DELETE FROM survey_need n USING survey s WHERE s.id = n.survey_id "
                + "AND s.household_id = '" + h + "'");
        assertReview(base, 0, h, false);
        survey(h, true);
        assertReview(base, 1, h, true);

        // a household without a grid is never complete, whatever else it has
        String noGrid = Fixtures.household(community, null);
        survey(noGrid, true);
        assertReview(base, 1, noGrid, false);
    }

    @Test
    void racingSurveysPairingsEndingsAndCategoryChangesLeaveEveryStoredFlagExact() throws Exception {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        int n = 12;
        List<String> households = new ArrayList<>();
        List<List<String>> volunteers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            households.add(Fixtures.household(community, grid));
            volunteers.add(List.of(Fixtures.volunteer(community, grid), Fixtures.volunteer(community, grid)));
        }
        long base = archivesComplete();
        String token = cityAdmin();

        // each household is surveyed and paired at the same moment; every fourth gets two surveys with a need at once
        List<Callable<String>> first = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String h = households.get(i);
            boolean need = i % 2 == 0;
            first.add(() -> { survey(h, need); return null; });
            if (i % 4 == 0) {
                first.add(() -> { survey(h, true); return null; });
            }
            List<String> pair = volunteers.get(i);
            first.add(() -> as(token).body(Map.of("householdId", h, "volunteerIds", pair)).post("/api/v1/pairings")
                    .then().statusCode(201).extract().path("id"));
        }
        List<String> pairings = race(first).stream().filter(p -> p != null).toList();
        assertEquals(n, pairings.size());

        // then, at once: every third pairing ends, the odd households get their need, two lose their categories
        List<Callable<String>> second = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String h = households.get(i);
            if (i % 3 == 0) {
                String pairing = as(token).get("/api/v1/households/" + h).then().extract().path("activePairingId");
                second.add(() -> { endPairing(pairing); return null; });
            }
            if (i % 2 == 1) {
                second.add(() -> { survey(h, true); return null; });
            }
            if (i == 5 || i == 10) {
                second.add(() -> { categories(h, List.of()); return null; });
            }
        }
        race(second);

        long expected = 0;
        for (int i = 0; i < n; i++) {
            boolean complete = i % 3 != 0 && i != 5 && i != 10;
            assertEquals(complete, agreed(households.get(i)), "household " + i);
            expected += complete ? 1 : 0;
        }
        assertEquals(6, expected);
        assertEquals(base + expected, archivesComplete());
        assertEquals(0, Fixtures.count(WRONG));
    }

    /**
     * The triggers' own race: a need is deleted (recount) while another transaction adds a need to the same
     * household. Whichever commits first, the household ends up marked, because both lock its row first.
     */
    @Test
    void aRecountRacingANewNeedNeverLosesTheNewNeed() throws Exception {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        for (boolean insertFirst : new boolean[] {true, false}) {
            String h = Fixtures.household(community, grid);
            survey(h, true);
            try (Connection adder = TestStack.superuser(); Connection remover = TestStack.superuser()) {
                adder.setAutoCommit(false);
                remover.setAutoCommit(false);
                Connection firstTx = insertFirst ? adder : remover;
                Connection secondTx = insertFirst ? remover : adder;
                Runnable addNeed = () -> exec(adder, "WITH s AS (INSERT INTO survey (id, household_id, surveyed_on, "
                        + "surveyor, created_at) VALUES (gen_random_uuid(), '" + h + "', current_date, 'race', now()) "
                        + "RETURNING id) INSERT INTO survey_need (survey_id, ordinal, type, detail) "
                        + "SELECT id, 0, 'OTHER', 'race' FROM s");
                Runnable removeNeeds = () -> exec(remover, "DELETE FROM survey_need n USING survey s "
                        + "WHERE s.id = n.survey_id AND s.household_id = '" + h + "' AND s.surveyor <> 'race'");
                int secondPid = backendPid(secondTx);
                (insertFirst ? addNeed : removeNeeds).run();
                ExecutorService pool = Executors.newSingleThreadExecutor();
                Future<?> blocked = pool.submit(insertFirst ? removeNeeds : addNeed);
                awaitLockWaitOrDone(secondPid, blocked);
                firstTx.commit();
                blocked.get(30, TimeUnit.SECONDS);
                secondTx.commit();
                pool.shutdown();
            }
            assertEquals(1, Fixtures.count("household WHERE id = '" + h + "' AND needs_surveyed"),
                    insertFirst ? "need added, then recount" : "recount, then need added");
            assertEquals(0, Fixtures.count(WRONG));
        }
    }

    /** V40 backfills the flags of households that existed before it, in a database migrated up to V30 first. */
    @Test
    void migrationMarksHouseholdsThatAlreadyHadASurveyWithANeed() throws Exception {
        String db = "v40_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = System.getProperty("yimeng.test.postgres.database-url")
                .replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + db);
        Fixtures.sql("CREATE DATABASE " + db);
        try {
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/kit", "classpath:db/migration")
                    .target("30").load().migrate();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("INSERT INTO community (id, county_code, name, kind, created_at, updated_at) VALUES "
                        + "('00000000-0000-0000-0000-000000000001', '" + COUNTY + "', 'c', 'COMMUNITY', now(), now())");
                st.execute("INSERT INTO grid (id, community_id, name, created_at) VALUES ('00000000-0000-0000-0000-"
                        + "000000000002', '00000000-0000-0000-0000-000000000001', 'g', now())");
                // household k: 1 with a need and a pairing, 2 with a need only, 3 surveyed without a need, 4 nothing
                for (int k = 1; k <= 4; k++) {
                    st.execute("INSERT INTO household (id, county_code, community_id, grid_id, head_name, address, "
                            + "normalised_address, member_count, categories, created_at, updated_at) VALUES ("
                            + "'00000000-0000-0000-0001-00000000000" + k + "', '" + COUNTY + "', "
                            + "'00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', 'h" + k
                            + "', 'a" + k + "', 'a" + k + "', 1, '{ELDERLY_ALONE}', now(), now())");
                }
                for (int k = 1; k <= 3; k++) {
                    st.execute("INSERT INTO survey (id, household_id, surveyed_on, surveyor, created_at) VALUES ("
                            + "'00000000-0000-0000-0002-00000000000" + k + "', '00000000-0000-0000-0001-00000000000" + k
                            + "', current_date, 's', now())");
                }
                st.execute("INSERT INTO survey_need (survey_id, ordinal, type, detail) VALUES "
                        + "('00000000-0000-0000-0002-000000000001', 0, 'OTHER', ''), "
                        + "('00000000-0000-0000-0002-000000000002', 0, 'OTHER', '')");
                st.execute("INSERT INTO pairing (id, household_id, community_id, status, created_at) VALUES "
                        + "('00000000-0000-0000-0003-000000000001', '00000000-0000-0000-0001-000000000001', "
                        + "'00000000-0000-0000-0000-000000000001', 'ACTIVE', now())");
                st.execute("UPDATE household SET active_pairing_id = '00000000-0000-0000-0003-000000000001' "
                        + "WHERE id = '00000000-0000-0000-0001-000000000001'");
            }
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/kit", "classpath:db/migration")
                    .load().migrate();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT head_name, needs_surveyed, archive_complete FROM household "
                            + "ORDER BY head_name")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + ":" + rs.getBoolean(2) + ":" + rs.getBoolean(3));
                }
                assertEquals(List.of("h1:true:true", "h2:true:false", "h3:false:false", "h4:false:false"), rows);
            }
        } finally {
            Fixtures.sql("DROP DATABASE " + db + " WITH (FORCE)");
        }
    }

    private static void exec(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Waits until the second transaction's statement blocks on a lock (the first one holds the household row) or has
     * finished without waiting (it would, if the triggers did not lock), so the first one commits only after it.
     */
    private static void awaitLockWaitOrDone(int pid, Future<?> statement) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection probe = TestStack.superuser(); PreparedStatement ps = probe.prepareStatement(
                "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            while (System.nanoTime() < deadline && !statement.isDone()) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> c : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return c.call();
            }));
        }
        start.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return out;
    }
}
