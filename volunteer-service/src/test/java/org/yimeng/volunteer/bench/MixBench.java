package org.yimeng.volunteer.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A realistic day's mix on one county of 100,000 households and 30,000 volunteers (300 communities, 1,500 grids,
 * 69,000 ACTIVE pairings): {@value #CONNECTIONS} keep-alive client connections for {@value #SECONDS} s, 80 % reads and
 * 20 % writes ({@link MixLoad#MIX}), each request with a COMMUNITY_ADMIN token of the record's community or
 * (county-wide reads) the COUNTY_ADMIN's. The test prepares the data and a plan (ids, tokens); {@link MixLoad} replays
 * the mix from a JVM of its own, so the service's JVM only serves. Besides latencies it reports the CPU seconds of the
 * service's JVM, of PostgreSQL and of the generator, per 1,000 requests: on a shared 2-core machine these are steadier
 * than the rates. Writes {@code target/bench/mix.md}.
 *
 * <p>{@code -Dmix.jfr=/some/dir} also records the service's JVM with JFR's "profile" settings during the measured
 * phase (plus every socket read, which is where the service waits for the database) into that directory.
 */
@Tag("bench")
@QuarkusTest
class MixBench {
    private static final String COUNTY = "371328";
    private static final int CONNECTIONS = 16;
    private static final int SECONDS = 20;
    private static final int WARM_UP_SECONDS = 5;

    @TestHTTPResource("/")
    URL base;

    @Test
    void mixedReadsAndWritesOnACountyOfOneHundredThousandHouseholds() throws Exception {
        long loadMillis = BenchData.load(new BenchData.County(COUNTY, "mix", 300, 5, 100_000, 30_000, "16", true,
                true));
        loadMillis += BenchData.analyze();
        Path plan = Path.of("target/bench/mix-plan.tsv");
        Files.createDirectories(plan.getParent());
        writePlan(plan);

        String jfr = System.getProperty("mix.jfr");
        Recording recording = jfr == null || jfr.isBlank() ? null : new Recording(Configuration.getConfiguration("profile"));
        if (recording != null) {
            recording.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withStackTrace();
            Files.createDirectories(Path.of(jfr));
            recording.setDestination(Path.of(jfr, "mix-service-" + ProcessHandle.current().pid() + ".jfr"));
        }
        Map<String, double[]> before = new HashMap<>();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        MixLoad.Run r = MixLoad.run(base.toString(), plan, CONNECTIONS, WARM_UP_SECONDS, SECONDS, () -> {
            if (recording != null) {
                recording.start();
            }
            before.put("cpu", cpu());
        });
        double[] after = cpu();
        if (recording != null) {
            recording.stop();
            recording.close();
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        double serviceCpu = after[0] - before.get("cpu")[0];
        double pgCpu = after[1] - before.get("cpu")[1];
        double commits = after[2] - before.get("cpu")[2];

        int total = r.total();
        double perK = 1000.0 / total;
        StringBuilder md = new StringBuilder();
        md.append("## volunteer-service: mixed load\n\n");
        md.append("A load generator in a JVM of its own (`MixLoad`: Vert.x, ").append(CONNECTIONS)
                .append(" keep-alive connections in a closed loop) for ").append(SECONDS).append(" s after ")
                .append(WARM_UP_SECONDS).append(" s of warm-up, each request picking an operation by weight: 80 % reads, ")
                .append("20 % writes; COMMUNITY_ADMIN tokens of the record's community, COUNTY_ADMIN for the grid lists. ")
                .append("Data: county ").append(COUNTY).append(" with 100,000 households (300 communities, 1,500 ")
                .append("grids, 85,000 surveys), 30,000 volunteers, 69,000 ACTIVE pairings (138,000 members), ")
                .append("10,000 ENDED; loaded with generate_series in ").append(loadMillis).append(" ms. ")
                .append("Latencies are client-side per operation (the list operation is two requests). ")
                .append("Service, database and generator share the machine's cores; load average before/after: ")
                .append(threeLoads(loadBefore)).append(" / ").append(threeLoads(loadAfter)).append(".\n\n");
        md.append(table(r, MixLoad.MIX));
        md.append(String.format(Locale.ROOT, "CPU seconds per 1,000 operations: service JVM %.2f, PostgreSQL %.2f, "
                + "generator %.2f (%.1f s, %.1f s and %.1f s in %.1f s); %.2f database commits per operation.%n",
                serviceCpu * perK, pgCpu * perK, r.cpuSeconds() * perK, serviceCpu, pgCpu, r.cpuSeconds(), r.seconds(),
                commits / total));

        explain(Path.of("target/bench/mix-explain.txt"));
        Path out = Path.of("target/bench/mix.md");
        Files.writeString(out, md.toString());
        System.out.println(md);
        assertTrue(r.errors() * 100 <= total, "more than 1 % of the requests failed:\n" + md);
    }

    /** The 1, 5 and 15 minute load averages of a /proc/loadavg line. */
    static String threeLoads(String loadavg) {
        return loadavg.substring(0, loadavg.indexOf(' ', loadavg.indexOf(' ', loadavg.indexOf(' ') + 1) + 1));
    }

    /** The per-operation table of a run, with its weights, and the line of all operations. */
    static String table(MixLoad.Run r, Map<String, Integer> mix) {
        StringBuilder md = new StringBuilder();
        md.append("| operation | weight | count | per s | p50 ms | p95 ms | p99 ms | max ms | errors |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (MixLoad.Op op : r.ops()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %s |%n", op.name(),
                    mix.get(op.name()), op.count(), op.count() / r.seconds(), op.p50us() / 1000.0,
                    op.p95us() / 1000.0, op.p99us() / 1000.0, op.maxus() / 1000.0,
                    op.errors() == 0 ? "0" : op.errors() + " " + op.statuses()));
        }
        md.append(String.format(Locale.ROOT, "| **all** | 100 | %,d | **%.1f** | | | | | %d |%n%n", r.total(),
                r.total() / r.seconds(), r.errors()));
        return md.toString();
    }

    /** The data the generator picks from: tokens, communities with their grids, households, volunteers. */
    private static void writePlan(Path plan) throws SQLException, IOException {
        StringBuilder out = new StringBuilder();
        out.append("K\t").append(Fixtures.countyAdmin(COUNTY)).append('\n');
        out.append("D\t").append(Fixtures.today()).append('\n');
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            Map<String, List<String>> gridsOf = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT c.id, g.id FROM community c JOIN grid g ON g.community_id = c.id "
                    + "WHERE c.county_code = '" + COUNTY + "' AND c.name LIKE 'mix社区%' ORDER BY c.id, g.id")) {
                while (rs.next()) {
                    gridsOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            gridsOf.forEach((community, grids) -> out.append("C\t").append(community).append('\t')
                    .append(Fixtures.communityAdmin(community)).append('\t').append(String.join(",", grids)).append('\n'));
            try (ResultSet rs = st.executeQuery("SELECT id, community_id, active_pairing_id IS NULL AND grid_id IS NOT NULL "
                    + "FROM household WHERE county_code = '" + COUNTY + "' ORDER BY random()")) {
                while (rs.next()) {
                    out.append("H\t").append(rs.getString(1)).append('\t').append(rs.getString(2)).append('\t')
                            .append(rs.getBoolean(3) ? "1" : "0").append('\n');
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT v.id, v.community_id, NOT EXISTS (SELECT 1 FROM pairing_member m "
                    + "WHERE m.volunteer_id = v.id AND m.left_at IS NULL) FROM volunteer v WHERE v.county_code = '"
                    + COUNTY + "' ORDER BY random()")) {
                while (rs.next()) {
                    out.append("V\t").append(rs.getString(1)).append('\t').append(rs.getString(2)).append('\t')
                            .append(rs.getBoolean(3) ? "1" : "0").append('\n');
                }
            }
        }
        Files.writeString(plan, out, StandardCharsets.UTF_8);
    }

    /**
     * EXPLAIN ANALYZE of the statements behind the list and coverage operations (as the service sends them, for one
     * community and its first grid), into {@code target/bench/mix-explain.txt}: to see whether the time is the
     * database's.
     */
    private static void explain(Path out) throws SQLException, IOException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            String community;
            String grid;
            try (ResultSet rs = st.executeQuery("SELECT c.id, min(g.id::text) FROM community c JOIN grid g ON "
                    + "g.community_id = c.id WHERE c.county_code = '" + COUNTY + "' GROUP BY c.id ORDER BY c.id LIMIT 1")) {
                rs.next();
                community = rs.getString(1);
                grid = rs.getString(2);
            }
            String ids = "SELECT id FROM household WHERE community_id = '" + community + "' ORDER BY id LIMIT 20";
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("households?communityId&paired=false, page", "SELECT * FROM household h WHERE h.community_id = '"
                    + community + "' AND h.active_pairing_id IS NULL ORDER BY h.id LIMIT 21");
            queries.put("household facts of a page (HouseholdService.responses)", "SELECT h.id, (SELECT count(*) FROM "
                    + "survey s WHERE s.household_id = h.id), (SELECT max(s.surveyed_on) FROM survey s WHERE "
                    + "s.household_id = h.id), EXISTS (SELECT 1 FROM survey s JOIN survey_need n ON n.survey_id = s.id "
                    + "WHERE s.household_id = h.id) FROM household h WHERE h.id IN (" + ids + ")");
            queries.put("households?gridId (county admin), page", "SELECT * FROM household h WHERE h.grid_id = '" + grid
                    + "' AND h.county_code = '" + COUNTY + "' ORDER BY h.id LIMIT 51");
            queries.put("volunteers?communityId&status=ACTIVE&skill, page", "SELECT * FROM volunteer v WHERE "
                    + "v.community_id = '" + community + "' AND array_position(v.skills, '陪伴') IS NOT NULL AND "
                    + "v.status = 'ACTIVE' ORDER BY v.id LIMIT 21");
            queries.put("pairings?communityId&status=ACTIVE, page", "SELECT p.* FROM pairing p, household h WHERE "
                    + "h.id = p.household_id AND p.community_id = '" + community + "' AND p.status = 'ACTIVE' AND "
                    + "h.community_id = '" + community + "' ORDER BY p.id LIMIT 21");
            queries.put("coverage?communityId, per grid", "SELECT h.grid_id, count(*), count(h.first_surveyed_on), "
                    + "count(h.active_pairing_id) FROM household h WHERE h.community_id = '" + community
                    + "' GROUP BY h.grid_id");
            queries.put("coverage?communityId, unpaired ids", "SELECT h.id FROM household h WHERE h.community_id = '"
                    + community + "' AND h.active_pairing_id IS NULL ORDER BY h.id LIMIT 1001");
            for (Map.Entry<String, String> q : queries.entrySet()) {
                sb.append("-- ").append(q.getKey()).append('\n');
                try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + q.getValue())) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append('\n');
                    }
                }
                sb.append('\n');
            }
        }
        Files.writeString(out, sb);
    }

    /**
     * CPU seconds so far of this JVM (the service) and of the embedded PostgreSQL (its postmaster with the children
     * it reaped, and its live backends), and the database's commits.
     */
    static double[] cpu() {
        double service = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            long backend;
            double commits;
            try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), (SELECT xact_commit FROM pg_stat_database "
                    + "WHERE datname = current_database())")) {
                rs.next();
                backend = rs.getLong(1);
                commits = rs.getDouble(2);
            }
            long postmaster = Long.parseLong(stat(backend)[3]);
            String[] pm = stat(postmaster);
            long ticks = Long.parseLong(pm[13]) + Long.parseLong(pm[14]) + Long.parseLong(pm[15]) + Long.parseLong(pm[16]);
            for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
                String[] s = stat(child.pid());
                if (s != null) {
                    ticks += Long.parseLong(s[13]) + Long.parseLong(s[14]);
                }
            }
            return new double[] {service, ticks / 100.0, commits};
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** /proc/pid/stat's fields after the command name (index 0 = pid, 3 = ppid, 13/14 utime/stime in ticks). */
    private static String[] stat(long pid) throws IOException {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String rest = s.substring(s.lastIndexOf(')') + 2);
            String[] f = rest.split(" ");
            String[] out = new String[f.length + 2];
            out[0] = Long.toString(pid);
            out[1] = "";
            System.arraycopy(f, 0, out, 2, f.length);
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
