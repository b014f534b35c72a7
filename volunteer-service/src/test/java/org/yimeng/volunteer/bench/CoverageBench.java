package org.yimeng.volunteer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * How fast "一网帮尽" coverage answers for a county of 100,000 households (300 communities, 1,500 grids, ~69,000
 * active pairings with 50,000 volunteers, 10,000 ended pairings). Run with {@code bench/run volunteer-service};
 * writes {@code target/bench/coverage.md}.
 */
@Tag("bench")
@QuarkusTest
class CoverageBench {
    private static final String COUNTY = "371329";
    private static final int WARM_UP = 5;
    private static final int RUNS = 20;

    @Test
    void coverageOfACountyWithOneHundredThousandHouseholds() throws Exception {
        long loadMillis = load();
        String token = Fixtures.cityAdmin();

        Response first = Fixtures.as(token).queryParam("countyCode", COUNTY).get("/api/v1/coverage");
        first.then().statusCode(200);
        assertEquals(100_000, (int) first.path("households"));
        assertEquals(69_000, (int) first.path("paired"));
        assertEquals(85_000, (int) first.path("surveyed"));
        assertEquals(0, (int) first.path("duplicateActivePairings"));
        assertEquals(1_501, ((List<?>) first.path("grids")).size());

        StringBuilder md = new StringBuilder();
        md.append("## volunteer-service: coverage (\"一网帮尽\")\n\n");
        md.append("`GET /api/v1/coverage` as CITY_ADMIN over HTTP, sequential requests, ").append(WARM_UP)
                .append(" warm-up requests then ").append(RUNS).append(" timed ones per area (client-side wall time).\n");
        md.append("Data: one county with 100,000 households in 300 communities and 1,500 grids (1 % without grid), ")
                .append("85 % surveyed, 69,000 ACTIVE pairings (138,000 members, 50,000 volunteers) and 10,000 ENDED ")
                .append("pairings; loaded with generate_series in ").append(loadMillis).append(" ms.\n\n");
        md.append("| area | households | response bytes | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
        // grids[1]: the first grid in name order holds only households without a grid in this data
        String community = first.path("grids[1].communityId");
        String grid = first.path("grids[1].gridId");
        row(md, token, "county (1,501 grid entries, 1,000 unpaired ids)", "countyCode", COUNTY);
        row(md, token, "community", "communityId", community);
        row(md, token, "grid", "gridId", grid);
        md.append("\nDatabase time of each county statement (EXPLAIN ANALYZE, TIMING OFF): per-grid aggregate ")
                .append(explain("SELECT h.grid_id, count(*), count(h.first_surveyed_on), count(h.active_pairing_id) "
                        + "FROM household h WHERE h.county_code = '" + COUNTY + "' GROUP BY h.grid_id"))
                .append(" ms; duplicate cross-check ")
                .append(explain("SELECT count(*) FROM pairing p JOIN community c "
                        + "ON c.id = p.community_id WHERE c.county_code = '" + COUNTY + "' AND p.status = 'ACTIVE'"))
                .append(" ms; first unpaired ids ")
                .append(explain("SELECT h.id FROM household h WHERE h.county_code = '" + COUNTY + "' "
                        + "AND h.active_pairing_id IS NULL ORDER BY h.id LIMIT 1001"))
                .append(" ms.\n");

        Path out = Path.of("target/bench/coverage.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static void row(StringBuilder md, String token, String label, String param, String value) {
        long households = 0;
        int bytes = 0;
        for (int i = 0; i < WARM_UP; i++) {
            Fixtures.as(token).queryParam(param, value).get("/api/v1/coverage").then().statusCode(200);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            Response r = Fixtures.as(token).queryParam(param, value).get("/api/v1/coverage");
            millis.add((System.nanoTime() - t0) / 1e6);
            r.then().statusCode(200);
            households = ((Number) r.path("households")).longValue();
            bytes = r.asByteArray().length;
        }
        Collections.sort(millis);
        md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %.1f | %.1f |%n", label, households, bytes,
                millis.get(RUNS / 2), millis.get((int) Math.ceil(RUNS * 0.95) - 1), millis.get(RUNS - 1)));
    }

    private static String explain(String sql) throws Exception {
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, TIMING OFF) " + sql)) {
            String time = "?";
            while (rs.next()) {
                String line = rs.getString(1).trim();
                if (line.startsWith("Execution Time:")) {
                    time = line.substring("Execution Time:".length()).replace("ms", "").trim();
                }
            }
            return time;
        }
    }

    /** Bulk-loads the county straight into PostgreSQL; returns the time it took. */
    private static long load() throws Exception {
        long t0 = System.currentTimeMillis();
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE bc AS SELECT i, gen_random_uuid() AS id FROM generate_series(1, 300) i");
            st.execute("INSERT INTO community (id, county_code, name, kind, created_at, updated_at) "
                    + "SELECT id, '" + COUNTY + "', 'bench社区' || i, 'COMMUNITY', now(), now() FROM bc");
            st.execute("CREATE TEMP TABLE bg AS SELECT g, gen_random_uuid() AS id, bc.id AS community_id "
                    + "FROM generate_series(1, 1500) g JOIN bc ON bc.i = (g - 1) / 5 + 1");
            st.execute("INSERT INTO grid (id, community_id, name, created_at) "
                    + "SELECT id, community_id, 'bench网格' || g, now() FROM bg");
            st.execute("CREATE TEMP TABLE bh AS SELECT h, gen_random_uuid() AS id, bg.id AS grid_id, bg.community_id "
                    + "FROM generate_series(1, 100000) h JOIN bg ON bg.g = h % 1500 + 1");
            st.execute("INSERT INTO household (id, county_code, community_id, grid_id, head_name, address, "
                    + "normalised_address, member_count, categories, first_surveyed_on, created_at, updated_at) "
                    + "SELECT id, '" + COUNTY + "', community_id, CASE WHEN h % 100 = 0 THEN NULL ELSE grid_id END, "
                    + "'bench户主' || h, 'bench路' || h || '号', 'bench路' || h || '号', 2, '{ELDERLY_ALONE}', "
                    + "CASE WHEN h % 100 < 85 THEN current_date END, now(), now() FROM bh");
            st.execute("CREATE TEMP TABLE bv AS SELECT v, gen_random_uuid() AS id, bc.id AS community_id "
                    + "FROM generate_series(0, 49999) v JOIN bc ON bc.i = v % 300 + 1");
            st.execute("INSERT INTO volunteer (id, county_code, community_id, name, phone, status, consent_at, "
                    + "created_at, updated_at) SELECT id, '" + COUNTY + "', community_id, 'bench志愿者' || v, "
                    + "'17' || lpad(v::text, 9, '0'), 'ACTIVE', now(), now(), now() FROM bv");
            // 70 % of the households with a grid get an ACTIVE pairing; 10,000 others an ENDED one
            st.execute("CREATE TEMP TABLE bp AS SELECT row_number() OVER (ORDER BY h) - 1 AS k, gen_random_uuid() AS id, "
                    + "bh.id AS household_id, bh.community_id FROM bh WHERE h % 10 < 7 AND h % 100 <> 0");
            st.execute("INSERT INTO pairing (id, household_id, community_id, status, created_at) "
                    + "SELECT id, household_id, community_id, 'ACTIVE', now() FROM bp");
            st.execute("INSERT INTO pairing_member (id, pairing_id, volunteer_id, slot, joined_at) "
                    + "SELECT gen_random_uuid(), bp.id, bv.id, s, now() FROM bp CROSS JOIN generate_series(1, 2) s "
                    + "JOIN bv ON bv.v = (2 * bp.k + s - 1) % 50000");
            st.execute("UPDATE household h SET active_pairing_id = bp.id FROM bp WHERE bp.household_id = h.id");
            st.execute("INSERT INTO pairing (id, household_id, community_id, status, created_at, ended_at, end_reason) "
                    + "SELECT gen_random_uuid(), id, community_id, 'ENDED', now() - interval '30 days', now(), 'bench' "
                    + "FROM bh WHERE h % 10 >= 7 AND h <= 33333");
            st.execute("VACUUM ANALYZE household");
            st.execute("ANALYZE");
        }
        return System.currentTimeMillis() - t0;
    }
}
