package org.yimeng.volunteer.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.yimeng.volunteer.Engagement.at;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;

import io.quarkus.test.junit.QuarkusTest;

/** The scheduled notices on a controlled clock: once per slot, whatever the replicas, re-runs and clock jumps. */
@QuarkusTest
class NoticeJobsTest {
    @Inject
    BusinessClock clock;

    @Inject
    NoticeSchedule schedule;

    @AfterEach
    void backToRealTime() {
        TestClocks.reset(clock);
    }

    private static long count(String kind, String subject, String slot) {
        return Fixtures.count("notification WHERE kind = '" + kind + "' AND subject_id = '" + subject + "'"
                + (slot == null ? "" : " AND slot = '" + slot + "'"));
    }

    /** Two replicas at once: the job run twice concurrently; the sum of what they sent. */
    private static int twoReplicas(IntSupplier job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                go.await();
                return job.getAsInt();
            }));
        }
        go.countDown();
        int sum = 0;
        for (Future<Integer> f : runs) {
            sum += f.get();
        }
        pool.shutdown();
        return sum;
    }

    @Test
    void eachSignedUpVolunteerGetsThe24hAndThe2hReminderOnceWhateverReplicasAndClockJumps() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, grid);
        LocalDate day = Fixtures.today().plusDays(10);
        Instant start = at(day, 10, 0);
        String activity = Engagement.activity(community, "REGULAR", start, at(day, 11, 0), 5);
        Engagement.signUp(activity, a).then().statusCode(201);
        Engagement.signUp(activity, b).then().statusCode(201);

        TestClocks.fix(clock, start.minus(Duration.ofHours(25)));
        schedule.reminders();
        assertEquals(0, count("ACTIVITY_REMINDER", activity, null));

        TestClocks.fix(clock, start.minus(Duration.ofHours(23)));
        twoReplicas(schedule::reminders);
        assertEquals(2, count("ACTIVITY_REMINDER", activity, "PT24H"));
        TestClocks.fix(clock, start.minus(Duration.ofHours(23).plusMinutes(30))); // the clock jumps back
        schedule.reminders();
        TestClocks.fix(clock, start.minus(Duration.ofHours(22))); // a restarted replica runs again
        schedule.reminders();
        assertEquals(2, count("ACTIVITY_REMINDER", activity, "PT24H"));

        TestClocks.fix(clock, start.minus(Duration.ofMinutes(90)));
        twoReplicas(schedule::reminders);
        assertEquals(2, count("ACTIVITY_REMINDER", activity, "PT2H"));
        TestClocks.fix(clock, start.plus(Duration.ofMinutes(1))); // jumps past the start: nothing late
        schedule.reminders();
        assertEquals(4, count("ACTIVITY_REMINDER", activity, null));
    }

    @Test
    void aJobThatWasDownSendsOnlyTheReminderThatStillMakesSenseAndNeverHoldsItPastTheStart() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, Fixtures.grid(community));
        LocalDate day = Fixtures.today().plusDays(11);
        Instant start = at(day, 7, 30);
        String activity = Engagement.activity(community, "REGULAR", start, at(day, 9, 0), 5);
        Engagement.signUp(activity, v).then().statusCode(201);

        TestClocks.fix(clock, at(day, 5, 45)); // inside quiet hours, which end after the start
        schedule.reminders();
        assertEquals(0, count("ACTIVITY_REMINDER", activity, "PT24H"));
        assertEquals(1, count("ACTIVITY_REMINDER", activity, "PT2H"));
        boolean held = as(Fixtures.volunteerToken(v)).get("/api/v1/me/notifications").then().statusCode(200)
                .extract().path("items[0].held");
        assertFalse(held, "a reminder held until 08:00 would arrive after a 07:30 start");
    }

    @Test
    void aVolunteerWhoSwitchedRemindersOffGetsNone() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, Fixtures.grid(community));
        as(Fixtures.volunteerToken(v)).body(Map.of("reminders", false, "weeklyNudge", true,
                "quietHours", Map.of("from", "21:00", "to", "08:00"))).put("/api/v1/me/notification-preferences")
                .then().statusCode(200);
        LocalDate day = Fixtures.today().plusDays(12);
        String activity = Engagement.activity(community, "REGULAR", at(day, 10, 0), at(day, 11, 0), 5);
        Engagement.signUp(activity, v).then().statusCode(201);
        TestClocks.fix(clock, at(day, 9, 0));
        schedule.reminders();
        assertEquals(0, count("ACTIVITY_REMINDER", activity, null));
    }

    @Test
    void theWeeklyNudgeReachesThoseUnderTheHourOnceFromSaturdayMorning() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String idle = Fixtures.volunteer(community, grid);
        String busy = Fixtures.volunteer(community, grid);
        LocalDate monday = Fixtures.today().plusWeeks(3).with(DayOfWeek.MONDAY);
        LocalDate wednesday = monday.plusDays(2);
        TestClocks.fix(clock, at(wednesday, 12, 0));
        Engagement.serve(community, busy, at(wednesday, 8, 0), at(wednesday, 9, 10));

        TestClocks.fix(clock, at(monday.plusDays(5), 9, 59));
        schedule.weeklyNudges();
        assertEquals(0, Fixtures.count("notification WHERE kind = 'WEEKLY_NUDGE' AND recipient = 'v:" + idle + "'"));

        TestClocks.fix(clock, at(monday.plusDays(5), 10, 0));
        twoReplicas(schedule::weeklyNudges);
        schedule.weeklyNudges();
        assertEquals(1, Fixtures.count("notification WHERE kind = 'WEEKLY_NUDGE' AND recipient = 'v:" + idle + "'"));
        assertEquals(0, Fixtures.count("notification WHERE kind = 'WEEKLY_NUDGE' AND recipient = 'v:" + busy + "'"));
        String body = as(Fixtures.volunteerToken(idle)).get("/api/v1/me/notifications").then().statusCode(200)
                .extract().path("items[0].body");
        assertEquals("本周您已志愿服务 0 分钟，距每周一小时还差 60 分钟，看看身边的志愿活动吧。", body);

        TestClocks.fix(clock, at(monday.plusDays(12), 10, 0)); // the next week: a new nudge
        schedule.weeklyNudges();
        assertEquals(2, Fixtures.count("notification WHERE kind = 'WEEKLY_NUDGE' AND recipient = 'v:" + idle + "'"));
    }

    @Test
    void aPairingsVolunteersAreToldOncePerGapWithoutAVisit() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, grid);
        LocalDate d = Fixtures.today().plusDays(40);
        TestClocks.fix(clock, at(d, 10, 0));
        String pairing = Fixtures.pairing(Fixtures.household(community, grid), a, b);

        TestClocks.fix(clock, at(d.plusDays(13), 10, 0));
        schedule.visitsDue();
        assertEquals(0, count("VISIT_DUE", pairing, null));
        TestClocks.fix(clock, at(d.plusDays(14), 10, 0));
        twoReplicas(schedule::visitsDue);
        schedule.visitsDue();
        assertEquals(2, count("VISIT_DUE", pairing, d.toString()));

        TestClocks.fix(clock, at(d.plusDays(15), 10, 0));
        as(cityAdmin()).body(Map.of("visitedOn", d.plusDays(15).toString(), "minutes", 30, "volunteerIds", List.of(a)))
                .post("/api/v1/pairings/" + pairing + "/visits").then().statusCode(201);
        TestClocks.fix(clock, at(d.plusDays(28), 10, 0));
        schedule.visitsDue();
        assertEquals(2, count("VISIT_DUE", pairing, null));
        TestClocks.fix(clock, at(d.plusDays(29), 10, 0));
        schedule.visitsDue();
        assertEquals(2, count("VISIT_DUE", pairing, d.plusDays(15).toString()));
        assertEquals(4, count("VISIT_DUE", pairing, null));
    }
}
