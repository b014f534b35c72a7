package org.yimeng.volunteer.bench;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A realistic day's mix on one county of 100,000 households and 30,000 volunteers (300 communities, 1,500 grids,
 * 69,000 ACTIVE pairings): {@value #THREADS} client threads for {@value #SECONDS} s, 80 % reads and 20 % writes,
 * each request with a COMMUNITY_ADMIN token of the record's community or (county-wide reads) the COUNTY_ADMIN's.
 * Writes {@code target/bench/mix.md}.
 */
@Tag("bench")
@QuarkusTest
class MixBench {
    private static final String COUNTY = "371328";
    private static final int THREADS = 16;
    private static final int SECONDS = 20;
    private static final int WARM_UP_SECONDS = 5;

    /** Operation and weight (per 100): 80 reads, 20 writes. */
    private static final Map<String, Integer> MIX = new LinkedHashMap<>();
    static {
        MIX.put("GET /volunteers/{id}", 18);
        MIX.put("GET /households/{id}", 18);
        MIX.put("GET /households?communityId&paired=false (page 1 + cursor page 2)", 10);
        MIX.put("GET /volunteers?communityId&status=ACTIVE&skill", 8);
        MIX.put("GET /pairings?communityId&status=ACTIVE", 8);
        MIX.put("GET /households?gridId (county admin)", 6);
        MIX.put("GET /coverage?communityId", 12);
        MIX.put("POST /volunteers", 5);
        MIX.put("POST /households", 5);
        MIX.put("POST /households/{id}/surveys", 6);
        MIX.put("POST /pairings", 4);
    }

    private final List<String> communities = new ArrayList<>();
    private final Map<String, String> communityTokens = new HashMap<>();
    private final Map<String, List<String>> gridsOf = new HashMap<>();
    private final List<String[]> households = new ArrayList<>(); // id, community
    private final List<String[]> volunteers = new ArrayList<>(); // id, community
    private final Map<String, Queue<String>> unpaired = new ConcurrentHashMap<>();
    private final Map<String, Queue<String>> freeVolunteers = new ConcurrentHashMap<>();
    private final AtomicLong phones = new AtomicLong();
    private String countyToken;

    private record Sample(String op, long nanos, boolean ok, int status) {
    }

    @Test
    void mixedReadsAndWritesOnACountyOfOneHundredThousandHouseholds() throws Exception {
        long loadMillis = BenchData.load(new BenchData.County(COUNTY, "mix", 300, 5, 100_000, 30_000, "16", true,
                true));
        loadMillis += BenchData.analyze();
        prepare();

        run(WARM_UP_SECONDS); // JIT, connection pool, caches
        long t0 = System.nanoTime();
        List<Sample> samples = run(SECONDS);
        double wall = (System.nanoTime() - t0) / 1e9;

        StringBuilder md = new StringBuilder();
        md.append("## volunteer-service: mixed load\n\n");
        md.append(THREADS).append(" client threads in the test JVM for ").append(SECONDS).append(" s (after ")
                .append(WARM_UP_SECONDS).append(" s warm-up), each picking an operation by weight: 80 % reads, 20 % ")
                .append("writes; COMMUNITY_ADMIN tokens of the record's community, COUNTY_ADMIN for the grid lists. ")
                .append("Data: county ").append(COUNTY).append(" with 100,000 households (300 communities, 1,500 ")
                .append("grids, 85,000 surveys), 30,000 volunteers, 69,000 ACTIVE pairings (138,000 members), ")
                .append("10,000 ENDED; loaded with generate_series in ").append(loadMillis).append(" ms. ")
                .append("Latencies are client-side wall times per request (the list operation is two requests).\n\n");
        md.append("| operation | weight | count | per s | p50 ms | p99 ms | max ms | errors |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        int errors = 0;
        for (Map.Entry<String, Integer> e : MIX.entrySet()) {
            List<Double> ms = new ArrayList<>();
            Map<Integer, Integer> bad = new HashMap<>();
            for (Sample s : samples) {
                if (s.op().equals(e.getKey())) {
                    ms.add(s.nanos() / 1e6);
                    if (!s.ok()) {
                        bad.merge(s.status(), 1, Integer::sum);
                    }
                }
            }
            Collections.sort(ms);
            int n = ms.size();
            int err = bad.values().stream().mapToInt(Integer::intValue).sum();
            errors += err;
            md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %.1f | %.1f | %.1f | %s |%n", e.getKey(),
                    e.getValue(), n, n / wall, pct(ms, 0.50), pct(ms, 0.99), n == 0 ? 0 : ms.get(n - 1),
                    err == 0 ? "0" : err + " " + bad));
        }
        List<Double> all = new ArrayList<>();
        samples.forEach(s -> all.add(s.nanos() / 1e6));
        Collections.sort(all);
        md.append(String.format(Locale.ROOT, "| **all** | 100 | %,d | **%.1f** | %.1f | %.1f | %.1f | %d |%n",
                all.size(), all.size() / wall, pct(all, 0.50), pct(all, 0.99), all.get(all.size() - 1), errors));

        Path out = Path.of("target/bench/mix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
        assertTrue(errors * 100 <= samples.size(), "more than 1 % of the requests failed:\n" + md);
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }

    private void prepare() throws Exception {
        countyToken = Fixtures.countyAdmin(COUNTY);
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT c.id, g.id FROM community c JOIN grid g ON g.community_id = c.id "
                    + "WHERE c.county_code = '" + COUNTY + "' AND c.name LIKE 'mix社区%' ORDER BY c.id, g.id")) {
                while (rs.next()) {
                    String community = rs.getString(1);
                    if (!gridsOf.containsKey(community)) {
                        communities.add(community);
                        communityTokens.put(community, Fixtures.communityAdmin(community));
                    }
                    gridsOf.computeIfAbsent(community, k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, community_id, active_pairing_id IS NULL AND grid_id IS NOT NULL "
                    + "FROM household WHERE county_code = '" + COUNTY + "' ORDER BY random()")) {
                while (rs.next()) {
                    households.add(new String[] {rs.getString(1), rs.getString(2)});
                    if (rs.getBoolean(3)) {
                        unpaired.computeIfAbsent(rs.getString(2), k -> new ConcurrentLinkedQueue<>()).add(rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT v.id, v.community_id, NOT EXISTS (SELECT 1 FROM pairing_member m "
                    + "WHERE m.volunteer_id = v.id AND m.left_at IS NULL) FROM volunteer v WHERE v.county_code = '"
                    + COUNTY + "' ORDER BY random()")) {
                while (rs.next()) {
                    volunteers.add(new String[] {rs.getString(1), rs.getString(2)});
                    if (rs.getBoolean(3)) {
                        freeVolunteers.computeIfAbsent(rs.getString(2), k -> new ConcurrentLinkedQueue<>())
                                .add(rs.getString(1));
                    }
                }
            }
        }
    }

    private List<Sample> run(int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Sample>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    List<Sample> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        String op = pick();
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = execute(op);
                        } catch (RuntimeException e) {
                            status = -1;
                        }
                        mine.add(new Sample(op, System.nanoTime() - t0, status >= 200 && status < 300, status));
                    }
                    return mine;
                }));
            }
            List<Sample> all = new ArrayList<>();
            for (Future<List<Sample>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String pick() {
        int r = ThreadLocalRandom.current().nextInt(100);
        for (Map.Entry<String, Integer> e : MIX.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException();
    }

    private <T> T any(List<T> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Runs one operation; returns the (last) HTTP status. */
    private int execute(String op) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        switch (op) {
            case "GET /volunteers/{id}": {
                String[] v = any(volunteers);
                return as(communityTokens.get(v[1])).get("/api/v1/volunteers/" + v[0]).statusCode();
            }
            case "GET /households/{id}": {
                String[] h = any(households);
                return as(communityTokens.get(h[1])).get("/api/v1/households/" + h[0]).statusCode();
            }
            case "GET /households?communityId&paired=false (page 1 + cursor page 2)": {
                String c = any(communities);
                Response first = as(communityTokens.get(c)).queryParam("communityId", c).queryParam("paired", "false")
                        .queryParam("limit", 20).get("/api/v1/households");
                String cursor = first.statusCode() == 200 ? first.path("nextCursor") : null;
                if (cursor == null) {
                    return first.statusCode() == 200 ? 599 : first.statusCode(); // every community has > 20
                }
                return as(communityTokens.get(c)).queryParam("communityId", c).queryParam("paired", "false")
                        .queryParam("limit", 20).queryParam("cursor", cursor).get("/api/v1/households").statusCode();
            }
            case "GET /volunteers?communityId&status=ACTIVE&skill": {
                String c = any(communities);
                return as(communityTokens.get(c)).queryParam("communityId", c).queryParam("status", "ACTIVE")
                        .queryParam("skill", "陪伴").queryParam("limit", 20).get("/api/v1/volunteers").statusCode();
            }
            case "GET /pairings?communityId&status=ACTIVE": {
                String c = any(communities);
                return as(communityTokens.get(c)).queryParam("communityId", c).queryParam("status", "ACTIVE")
                        .queryParam("limit", 20).get("/api/v1/pairings").statusCode();
            }
            case "GET /households?gridId (county admin)": {
                String g = any(gridsOf.get(any(communities)));
                return as(countyToken).queryParam("gridId", g).queryParam("limit", 50).get("/api/v1/households")
                        .statusCode();
            }
            case "GET /coverage?communityId": {
                String c = any(communities);
                return as(communityTokens.get(c)).queryParam("communityId", c).get("/api/v1/coverage").statusCode();
            }
            case "POST /volunteers": {
                String c = any(communities);
                return as(communityTokens.get(c)).body(Map.of("name", Fixtures.unique("志愿者"), "phone",
                        "18" + String.format("%09d", phones.incrementAndGet()), "communityId", c, "gridId",
                        any(gridsOf.get(c)), "skills", List.of("陪伴"), "consent", true))
                        .post("/api/v1/volunteers").statusCode();
            }
            case "POST /households": {
                String c = any(communities);
                return as(communityTokens.get(c)).body(Map.of("communityId", c, "gridId", any(gridsOf.get(c)),
                        "headName", Fixtures.unique("户主"), "address", Fixtures.unique("沂蒙路"), "memberCount",
                        1 + rnd.nextInt(5), "categories", List.of("ELDERLY_ALONE"))).post("/api/v1/households")
                        .statusCode();
            }
            case "POST /households/{id}/surveys": {
                String[] h = any(households);
                return as(communityTokens.get(h[1])).body(Map.of("surveyedOn", Fixtures.today().toString(),
                        "surveyor", "bench", "needs", List.of(Map.of("type", "DAILY_CARE", "detail", "送餐"))))
                        .post("/api/v1/households/" + h[0] + "/surveys").statusCode();
            }
            case "POST /pairings": {
                for (int attempt = 0; attempt < 20; attempt++) {
                    String c = any(communities);
                    Queue<String> hs = unpaired.get(c);
                    Queue<String> vs = freeVolunteers.get(c);
                    if (hs == null || vs == null || vs.size() < 2) {
                        continue;
                    }
                    String h = hs.poll();
                    String a = vs.poll();
                    String b = vs.poll();
                    if (h == null || a == null || b == null) {
                        continue;
                    }
                    return as(communityTokens.get(c)).body(Map.of("householdId", h, "volunteerIds", List.of(a, b)))
                            .post("/api/v1/pairings").statusCode();
                }
                return 598; // ran out of free volunteers/households: counted as an error
            }
            default:
                throw new IllegalArgumentException(op);
        }
    }
}
