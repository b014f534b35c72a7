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
        // grids[1]: the first real grid in name order (grids[0] may be the households without a grid)
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

    /** Bulk-loads the county straight into PostgreSQL (see {@link BenchData}); returns the time it took. */
    private static long load() throws Exception {
        return BenchData.load(new BenchData.County(COUNTY, "bench", 300, 5, 100_000, 50_000, "17", true, false))
                + BenchData.analyze();
    }
}
