package org.yimeng.volunteer.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The city at full size: 1,000,000 households over the 14 counties (兰山区 200,000, the 13 others 61,538 each),
 * ~3,000 communities (one per 333 households), 5 grids each, ~150,000 volunteers, 85 % surveyed (one survey and need each), 69 % with an ACTIVE
 * pairing, a third of the rest with an ENDED one. Times the county coverage of the largest county and the progress
 * review city-wide and for one county. Writes {@code target/bench/city.md}; deletes its rows afterwards (other
 * benches count their own county exactly).
 */
@Tag("bench")
@QuarkusTest
class CityScaleBench {
    private static final String[] COUNTIES = {"371302", "371311", "371312", "371321", "371322", "371323", "371324",
        "371325", "371326", "371327", "371328", "371329", "GXQ", "YHXQ"};
    private static final String LARGE = "371302";
    private static final int WARM_UP = 3;
    private static final int RUNS = 10;

    @Test
    void coverageAndProgressForACityOfOneMillionHouseholds() throws Exception {
        long load = 0;
        int total = 0;
        try {
            for (int i = 0; i < COUNTIES.length; i++) {
                int households = i == 0 ? 200_000 : i == COUNTIES.length - 1 ? 800_000 - 12 * 61_538 : 61_538;
                int communities = households / 333;
                total += households;
                load += BenchData.load(new BenchData.County(COUNTIES[i], "city", communities, 5, households,
                        households * 15 / 100, "15" + String.format("%02d", i), false, true));
            }
            long analyze = BenchData.analyze();
            assertTrue(total == 1_000_000);

            String city = Fixtures.cityAdmin();
            String county = Fixtures.countyAdmin(LARGE);
            StringBuilder md = new StringBuilder();
            md.append("## volunteer-service: city scale\n\n");
            md.append("Data: 1,000,000 households over the 14 counties (").append(LARGE)
                    .append(" 200,000, the 13 others 61,538 each), one community per 333 households (2,992), 5 grids ")
                    .append("each, 150,000 volunteers, 850,000 surveys with one need each, 690,000 ACTIVE pairings, ")
                    .append("~100,000 ENDED; pairing members are not loaded (neither endpoint reads them). Loaded ")
                    .append("with one INSERT … SELECT generate_series per table and county, all indexes present: ")
                    .append(String.format(Locale.ROOT, "%.1f s, then VACUUM ANALYZE %.1f s.", load / 1e3,
                            analyze / 1e3))
                    .append(" Other benches' rows in the same database count too (see the households column).\n\n");
            md.append("Sequential HTTP requests, ").append(WARM_UP).append(" warm-up then ").append(RUNS)
                    .append(" timed (client-side wall time).\n\n");
            md.append("| request | token | households | response bytes | p50 ms | p95 ms | max ms |\n")
                    .append("|---|---|---:|---:|---:|---:|---:|\n");
            row(md, "GET /api/v1/coverage?countyCode=" + LARGE, "COUNTY_ADMIN", county, "/api/v1/coverage",
                    "countyCode", LARGE, "households");
            row(md, "GET /api/v1/progress (city-wide)", "CITY_ADMIN", city, "/api/v1/progress", null, null,
                    "total.households");
            row(md, "GET /api/v1/progress?countyCode=" + LARGE, "CITY_ADMIN", city, "/api/v1/progress", "countyCode",
                    LARGE, "total.households");
            row(md, "GET /api/v1/progress (own county)", "COUNTY_ADMIN", county, "/api/v1/progress", null, null,
                    "total.households");

            Path out = Path.of("target/bench/city.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, md.toString());
            System.out.println(md);
        } finally {
            long deleted = BenchData.delete("city");
            System.out.println("city: deleted the loaded rows in " + deleted + " ms");
        }
    }

    private static void row(StringBuilder md, String label, String role, String token, String path, String param,
            String value, String householdsPath) {
        for (int i = 0; i < WARM_UP; i++) {
            request(token, path, param, value).then().statusCode(200);
        }
        List<Double> millis = new ArrayList<>();
        long households = 0;
        int bytes = 0;
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            Response r = request(token, path, param, value);
            millis.add((System.nanoTime() - t0) / 1e6);
            r.then().statusCode(200);
            households = ((Number) r.path(householdsPath)).longValue();
            bytes = r.asByteArray().length;
        }
        Collections.sort(millis);
        md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.1f | %.1f | %.1f |%n", label, role, households,
                bytes, millis.get(RUNS / 2), millis.get((int) Math.ceil(RUNS * 0.95) - 1), millis.get(RUNS - 1)));
    }

    private static Response request(String token, String path, String param, String value) {
        var spec = Fixtures.as(token);
        if (param != null) {
            spec = spec.queryParam(param, value);
        }
        return spec.get(path);
    }
}
