package org.yimeng.volunteer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;
import org.yimeng.volunteer.notice.NoticeSchedule;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A day of a city's reminders: 100,000 volunteers, 5,000 activities of 40 places, 200,000 sign-ups (each volunteer
 * in one morning and one afternoon activity of the next day). Two replicas run the reminder job side by side on a
 * fixed clock; times how long the day's 24 h reminders take to produce, how fast the outbox relay publishes them, and
 * checks that no notice exists twice. Writes {@code target/bench/notices.md}.
 */
@Tag("bench")
@QuarkusTest
class NoticeBench {
    private static final String COUNTY = "371328";
    private static final String TAG = "notice-bench";

    @Inject
    BusinessClock clock;

    @Inject
    NoticeSchedule schedule;

    @AfterEach
    void cleanUp() throws Exception {
        TestClocks.reset(clock);
    }

    @Test
    void aDayOfReminders() throws Exception {
        LocalDate day = Fixtures.today().plusDays(30);
        Instant morning = Engagement.at(day, 10, 0);
        Instant afternoon = Engagement.at(day, 15, 0);
        long load = BenchData.load(new BenchData.County(COUNTY, TAG, 250, 1, 0, 100_000, "1399", false, false));
        long t0 = System.nanoTime();
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("CREATE TEMP TABLE nv ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY v.id) - 1 AS n, v.id, "
                    + "v.community_id FROM volunteer v JOIN community c ON c.id = v.community_id WHERE c.name LIKE '" + TAG + "社区%'");
            st.execute("CREATE TEMP TABLE na ON COMMIT DROP AS SELECT a, gen_random_uuid() AS id FROM generate_series(0, 4999) a");
            st.execute("INSERT INTO activity (id, county_code, community_id, kind, title, place, starts_at, ends_at, capacity, "
                    + "signups, status, created_by, created_at, updated_at) SELECT na.id, '" + COUNTY + "', "
                    + "(SELECT community_id FROM nv WHERE n = (na.a % 2500) * 40), 'REGULAR', '提醒压测活动' || na.a, "
                    + "'社区广场', CASE WHEN na.a < 2500 THEN timestamptz '" + morning + "' ELSE timestamptz '" + afternoon
                    + "' END, CASE WHEN na.a < 2500 THEN timestamptz '" + morning + "' ELSE timestamptz '" + afternoon
                    + "' END + interval '1 hour', 40, 40, 'PLANNED', 'bench', now(), now() FROM na");
            st.execute("INSERT INTO activity_signup (id, activity_id, volunteer_id, starts_at, ends_at, created_at) "
                    + "SELECT gen_random_uuid(), a.id, nv.id, a.starts_at, a.ends_at, now() FROM na "
                    + "JOIN activity a ON a.id = na.id JOIN nv ON nv.n / 40 = na.a % 2500");
            c.commit();
        }
        long signupsLoad = (System.nanoTime() - t0) / 1_000_000;
        BenchData.analyze();
        long signups = Fixtures.count("activity_signup s JOIN activity a ON a.id = s.activity_id WHERE a.title LIKE '提醒压测活动%'");
        assertEquals(200_000, signups);

        TestClocks.fix(clock, Engagement.at(day.minusDays(1), 16, 0)); // both groups are within 24 h
        long cpu0 = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
        long start = System.nanoTime();
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(replicas.submit(schedule::reminders));
        }
        int handled = 0;
        for (Future<Integer> f : runs) {
            handled += f.get();
        }
        // a replica that found the lock taken returns; run again until nothing is left, as the next minute would
        handled += schedule.reminders();
        double produce = (System.nanoTime() - start) / 1e9;
        long cpu1 = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
        replicas.shutdown();

        String ours = "notification n JOIN activity a ON a.id = n.subject_id WHERE a.title LIKE '提醒压测活动%' AND n.kind = 'ACTIVITY_REMINDER'";
        long notices = Fixtures.count(ours);
        long distinct = Fixtures.count("(SELECT DISTINCT n.recipient, n.subject_id, n.slot FROM " + ours + ") d");
        assertEquals(200_000, notices);
        assertEquals(notices, distinct);

        long relayStart = System.nanoTime();
        long left;
        while ((left = Fixtures.count("kit_outbox WHERE topic = 'volunteer.notifications.v1'")) > 0) {
            Thread.sleep(200);
            if (System.nanoTime() - relayStart > 600e9) {
                break;
            }
        }
        double relay = (System.nanoTime() - relayStart) / 1e9;
        double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        String md = "## volunteer-service: a day of reminders\n\n"
                + "Data: 100,000 volunteers in 250 communities of one county, 5,000 activities of 40 places the next day "
                + "(2,500 at 10:00, 2,500 at 15:00), 200,000 sign-ups (each volunteer in one of each); loaded with "
                + String.format(Locale.ROOT, "INSERT … SELECT in %.1f s + %.1f s. ", load / 1e3, signupsLoad / 1e3)
                + "The clock is fixed the day before at 16:00, so all 200,000 sign-ups are due their 24 h reminder. "
                + "Two replicas (two threads calling `NoticeSchedule.reminders()`, batches of 2,000 per transaction under "
                + "an advisory lock) run side by side, then one more run as the next minute would.\n\n"
                + "| Figure | Value |\n|---|---|\n"
                + String.format(Locale.ROOT, "| reminders produced (inbox row + outbox event each) | %,d in %.1f s = %,.0f/s |%n",
                        notices, produce, notices / produce)
                + String.format(Locale.ROOT, "| service JVM CPU while producing | %.2f s per 1,000 reminders |%n",
                        (cpu1 - cpu0) / 1e9 / (notices / 1000.0))
                + String.format(Locale.ROOT, "| duplicates (rows minus distinct recipient, subject, slot) | %d |%n",
                        notices - distinct)
                + String.format(Locale.ROOT, "| relay: outbox drained to Kafka after production ended | %.1f s (%,d left) |%n",
                        relay, left)
                + String.format(Locale.ROOT, "| sign-ups handled by the runs | %,d |%n", handled)
                + String.format(Locale.ROOT, "| load average at the end | %.2f |%n", load1)
                + "\nThe relay publishes while the reminders are produced, so it has kept up when production ends. Command: "
                + "`mvn -B -ntp -Pbench -pl volunteer-service -am verify -Dtest=NoticeBench "
                + "-Dsurefire.failIfNoSpecifiedTests=false` (part of `bench/run`).\n";
        Path out = Path.of("target/bench/notices.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        try (Connection c = TestStack.superuser(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM notification n USING activity a WHERE a.id = n.subject_id AND a.title LIKE '提醒压测活动%'");
            st.execute("DELETE FROM activity_signup s USING activity a WHERE a.id = s.activity_id AND a.title LIKE '提醒压测活动%'");
            st.execute("DELETE FROM activity WHERE title LIKE '提醒压测活动%'");
        }
        BenchData.delete(TAG);
        assertEquals(0, left, "the relay left events unsent");
    }
}
