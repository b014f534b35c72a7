package org.yimeng.volunteer.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.local.Tokens;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The residents' own door on a day of activities ({@link MixLoad#RESIDENT_MIX}): {@code GET /me}, {@code GET
 * /me/activities}, self sign-up, self check-in with the organiser's current code, and the organisers' screens
 * fetching fresh codes, over one county of {@value #VOLUNTEERS} volunteers who registered themselves (each record
 * linked to its identity-provider subject, so RESIDENT tokens resolve through {@code me.CurrentVolunteer} as in
 * production). Same generator, connections and durations as {@link MixBench}, so the two tables compare; writes
 * {@code target/bench/resident-mix.md}.
 *
 * <p>The day: 300 communities, each with two activities under way (started an hour ago, ending in five, a 500 m
 * geofence, so all are in their check-in window on the business clock, which this bench sets to the real clock: the
 * generator's codes are computed from the same clock) and three in the coming days. Half of the volunteers have
 * four weeks of confirmed hours (one hour a week), 20,000 households give 14,000 ACTIVE pairings with two members
 * each (shown in "me"). The residents active in the run ({@code -Dresident.residents}, default 12,000: minting a
 * token takes the test JVM about a millisecond) are drawn at random; half of them signed up earlier for one of
 * their community's activities under way and check in when they arrive, the other half may sign up for one and then
 * check in. Every organiser asked for the code once before the run (which made the activity's secret); the phone
 * reads the payload off the organiser's screen, so the generator computes the current step's code with
 * {@code AttendanceCode} from that secret, and sends the activity's centre as its position.
 * {@code -Dresident.volunteers} lowers the county's volunteers (default 100,000).
 */
@Tag("bench")
@QuarkusTest
class ResidentMixBench {
    private static final String COUNTY = "371327";
    private static final String TAG = "res";
    private static final String SUBJECT = "idp|res-";
    private static final int VOLUNTEERS = 100_000;
    private static final int COMMUNITIES = 300;
    private static final int CONNECTIONS = 16;
    private static final int SECONDS = 20;
    private static final int WARM_UP_SECONDS = 5;

    @TestHTTPResource("/")
    URL base;

    @Inject
    BusinessClock clock;

    @Test
    void residentsOwnDoorOnADayOfActivities() throws Exception {
        int volunteers = Integer.getInteger("resident.volunteers", VOLUNTEERS);
        int sample = Math.min(volunteers, Integer.getInteger("resident.residents", 12_000));
        TestClocks.reset(clock); // the real clock: the generator's codes are of the service's current step
        long t0 = System.currentTimeMillis();
        BenchData.load(new BenchData.County(COUNTY, TAG, COMMUNITIES, 5, 20_000, volunteers, "19",
                true, false), SUBJECT);
        loadDay();

        Map<String, List<String>> gridsOf = new LinkedHashMap<>();
        Map<String, List<String>> underWay = new HashMap<>();
        List<String[]> residents = new ArrayList<>(); // id, community, subject, phone
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT c.id, g.id FROM community c JOIN grid g ON g.community_id = c.id "
                    + "WHERE c.county_code = '" + COUNTY + "' AND c.name LIKE '" + TAG + "社区%' ORDER BY c.id, g.id")) {
                while (rs.next()) {
                    gridsOf.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, community_id FROM activity WHERE county_code = '" + COUNTY
                    + "' AND title = '" + TAG + "活动' AND starts_at < now() AND ends_at > now()")) {
                while (rs.next()) {
                    underWay.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT id, community_id, subject, phone FROM volunteer WHERE subject "
                    + "LIKE '" + SUBJECT + "%' ORDER BY random() LIMIT " + sample)) {
                while (rs.next()) {
                    residents.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            // half of the residents signed up earlier for one of their community's activities under way
            c.setAutoCommit(false);
            Map<String, String> signedUp = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO activity_signup (id, activity_id, volunteer_id, "
                    + "starts_at, ends_at, created_at) SELECT gen_random_uuid(), a.id, ?::uuid, a.starts_at, a.ends_at, "
                    + "now() - interval '1 day' FROM activity a WHERE a.id = ?::uuid")) {
                for (int i = 0; i < residents.size() / 2; i++) {
                    String[] r = residents.get(i);
                    List<String> on = underWay.get(r[1]);
                    String a = on.get(ThreadLocalRandom.current().nextInt(on.size()));
                    signedUp.put(r[0], a);
                    ps.setString(1, r[0]);
                    ps.setString(2, a);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            st.execute("UPDATE activity a SET signups = (SELECT count(*) FROM activity_signup s WHERE s.activity_id = a.id) "
                    + "WHERE a.county_code = '" + COUNTY + "' AND a.title = '" + TAG + "活动'");
            c.commit();
            c.setAutoCommit(true);

            // every organiser put the code on a screen once before the day's measurements (this makes the secrets)
            Map<String, String> tokens = new HashMap<>();
            gridsOf.keySet().forEach(community -> tokens.put(community, Fixtures.communityAdmin(community)));
            underWay.forEach((community, ids) -> ids.forEach(id -> as(tokens.get(community))
                    .get("/api/v1/activities/" + id + "/attendance-code").then().statusCode(200)));

            StringBuilder plan = new StringBuilder();
            plan.append("K\t").append(Fixtures.countyAdmin(COUNTY)).append('\n');
            plan.append("D\t").append(Fixtures.today()).append('\n');
            gridsOf.forEach((community, grids) -> plan.append("C\t").append(community).append('\t')
                    .append(tokens.get(community)).append('\t').append(String.join(",", grids)).append('\n'));
            try (ResultSet rs = st.executeQuery("SELECT a.id, a.community_id, encode(s.secret, 'hex'), a.lat, a.lng "
                    + "FROM activity a JOIN activity_attendance_secret s ON s.activity_id = a.id WHERE a.county_code = '"
                    + COUNTY + "' AND a.title = '" + TAG + "活动'")) {
                while (rs.next()) {
                    plan.append("A\t").append(rs.getString(1)).append('\t').append(rs.getString(2)).append('\t')
                            .append(rs.getString(3)).append('\t').append(rs.getDouble(4)).append('\t')
                            .append(rs.getDouble(5)).append('\n');
                }
            }
            Tokens mint = TestStack.tokens();
            for (String[] r : residents) {
                String token = mint.mint(r[2], "RESIDENT", Map.of("phone_number", "+86" + r[3]), Duration.ofHours(2));
                plan.append("R\t").append(r[0]).append('\t').append(r[1]).append('\t').append(token).append('\t')
                        .append(signedUp.getOrDefault(r[0], "-")).append('\n');
            }
            Path planFile = Path.of("target/bench/resident-mix-plan.tsv");
            Files.createDirectories(planFile.getParent());
            Files.writeString(planFile, plan, StandardCharsets.UTF_8);
            long prepared = System.currentTimeMillis() - t0;
            long analyzeMillis = BenchData.analyze();

            Map<String, double[]> before = new HashMap<>();
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
            MixLoad.Run r = MixLoad.run("resident", base.toString(), planFile, CONNECTIONS, WARM_UP_SECONDS, SECONDS,
                    () -> before.put("cpu", MixBench.cpu()));
            double[] after = MixBench.cpu();
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
            double serviceCpu = after[0] - before.get("cpu")[0];
            double pgCpu = after[1] - before.get("cpu")[1];
            double commits = after[2] - before.get("cpu")[2];
            int total = r.total();
            double perK = 1000.0 / total;

            StringBuilder md = new StringBuilder();
            md.append("## volunteer-service: resident mix (the residents' own door)\n\n");
            md.append("The same generator as the mixed load (`MixLoad`, mode `resident`: ").append(CONNECTIONS)
                    .append(" keep-alive connections in a closed loop, ").append(SECONDS).append(" s after ")
                    .append(WARM_UP_SECONDS).append(" s of warm-up), in the same run, with RESIDENT tokens (`sub` ")
                    .append("linked to the record, a verified `phone_number`) of ").append(String.format(Locale.ROOT,
                            "%,d", residents.size())).append(" residents drawn at random from county ").append(COUNTY)
                    .append("'s ").append(String.format(Locale.ROOT, "%,d", volunteers)).append(" volunteers, and ")
                    .append("COMMUNITY_ADMIN tokens for the organisers' code screens. The day: ").append(COMMUNITIES)
                    .append(" communities, each with two activities under way (started an hour ago, ending in five, ")
                    .append("a 500 m geofence; check-in window open on the business clock, here the real clock) and ")
                    .append("three in the coming days; half the volunteers have four weeks of confirmed hours, 20,000 ")
                    .append("households with 14,000 ACTIVE pairings of two members each. Half the residents had signed ")
                    .append("up earlier for an activity under way and check in with the current step's code (the ")
                    .append("payload the phone reads off the organiser's screen, computed by the generator from the ")
                    .append("activity's secret with `AttendanceCode`) and the activity's centre as position; the other ")
                    .append("half may sign up (`{}`) for one and then join the end of the check-in queue (in a ")
                    .append("25 s run the earlier sign-ups last, so the check-ins measured are theirs). `GET /me` ")
                    .append("records its personal-data reads in the audit trail. ")
                    .append(String.format(Locale.ROOT, "Loaded and prepared in %.1f s (ANALYZE %.1f s). ",
                            prepared / 1000.0, analyzeMillis / 1000.0))
                    .append("Latencies are client-side per operation. Load average before/after: ")
                    .append(MixBench.threeLoads(loadBefore)).append(" / ").append(MixBench.threeLoads(loadAfter))
                    .append(".\n\n");
            md.append(MixBench.table(r, MixLoad.RESIDENT_MIX));
            md.append(String.format(Locale.ROOT, "CPU seconds per 1,000 operations: service JVM %.2f, PostgreSQL %.2f, "
                    + "generator %.2f (%.1f s, %.1f s and %.1f s in %.1f s); %.2f database commits per operation.%n",
                    serviceCpu * perK, pgCpu * perK, r.cpuSeconds() * perK, serviceCpu, pgCpu, r.cpuSeconds(),
                    r.seconds(), commits / total));
            Path out = Path.of("target/bench/resident-mix.md");
            Files.writeString(out, md.toString());
            System.out.println(md);
            assertTrue(r.errors() * 100 <= total, "more than 1 % of the requests failed:\n" + md);
        }
    }

    /** The day's activities and the volunteers' past hours, in one transaction. */
    private static void loadDay() throws Exception {
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL synchronous_commit = off");
            st.execute("CREATE TEMP TABLE rc ON COMMIT DROP AS SELECT id, row_number() OVER (ORDER BY id) AS i "
                    + "FROM community WHERE county_code = '" + COUNTY + "' AND name LIKE '" + TAG + "社区%'");
            // two activities under way per community, and three in the coming days
            st.execute("INSERT INTO activity (id, county_code, community_id, kind, title, place, starts_at, ends_at, "
                    + "capacity, signups, skills, status, created_by, created_at, updated_at, lat, lng, radius_m) "
                    + "SELECT gen_random_uuid(), '" + COUNTY + "', rc.id, 'REGULAR', '" + TAG + "活动', '" + TAG
                    + "广场' || rc.i, date_trunc('minute', now()) - interval '1 hour', date_trunc('minute', now()) "
                    + "+ interval '5 hours', 500, 0, '{}', 'PLANNED', 'bench', now(), now(), 35.0 + rc.i * 0.001, "
                    + "118.3 + n * 0.01, 500 FROM rc CROSS JOIN generate_series(1, 2) n");
            st.execute("INSERT INTO activity (id, county_code, community_id, kind, title, place, starts_at, ends_at, "
                    + "capacity, signups, skills, status, created_by, created_at, updated_at) "
                    + "SELECT gen_random_uuid(), '" + COUNTY + "', rc.id, 'REGULAR', '" + TAG + "活动', '" + TAG
                    + "广场' || rc.i, date_trunc('day', now()) + d * interval '1 day' + interval '1 hour', "
                    + "date_trunc('day', now()) + d * interval '1 day' + interval '4 hours', 50, 0, '{陪伴}', 'PLANNED', "
                    + "'bench', now(), now() FROM rc CROSS JOIN generate_series(1, 3) d");
            // four weeks of one confirmed hour a week for every second volunteer (visits: a date and minutes)
            st.execute("INSERT INTO service_record (id, volunteer_id, source_kind, source_id, community_id, service_date, "
                    + "minutes, place, content, confirmed_by, confirmed_at, created_at) SELECT gen_random_uuid(), v.id, "
                    + "'VISIT', gen_random_uuid(), v.community_id, current_date - 7 * w, 60, '" + TAG + "', '" + TAG
                    + "', 'bench', now(), now() FROM volunteer v CROSS JOIN generate_series(1, 4) w WHERE v.subject "
                    + "LIKE '" + SUBJECT + "%' AND substring(v.subject from " + (SUBJECT.length() + 1) + ")::int % 2 = 0");
            c.commit();
        }
    }
}
