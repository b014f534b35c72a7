package org.yimeng.volunteer.notice;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Engagement.at;
import static org.yimeng.volunteer.Fixtures.as;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.model.event.NotificationRequested;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The inbox, preferences and the exactly-once rule, on the real database and broker. */
@QuarkusTest
class NotificationsApiTest {
    @Inject
    BusinessClock clock;

    @Inject
    Notices notices;

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void backToRealTime() {
        TestClocks.reset(clock);
    }

    private static String futureActivity(String community) {
        LocalDate day = Fixtures.today().plusDays(3);
        return Engagement.activity(community, "REGULAR", at(day, 9, 0), at(day, 10, 0), 5);
    }

    @Test
    void aSignUpPutsOneConfirmationInTheVolunteersInboxAndOneEventOnTheTopic() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, Fixtures.grid(community));
        String activity = futureActivity(community);
        Engagement.signUp(activity, v).then().statusCode(201);

        JsonPath inbox = as(Fixtures.volunteerToken(v)).get("/api/v1/me/notifications").then().statusCode(200)
                .body("unreadCount", equalTo(1)).body("items.size()", equalTo(1)).extract().jsonPath();
        assertEquals("SIGNUP_CONFIRMED", inbox.getString("items[0].kind"));
        assertEquals(activity, inbox.getString("items[0].subjectId"));
        assertTrue(inbox.getString("items[0].body").startsWith("您已报名「"), inbox.getString("items[0].body"));
        String id = inbox.getString("items[0].id");

        List<NotificationRequested> events = eventsFor(UUID.fromString(v), 1);
        assertEquals(1, events.size());
        NotificationRequested e = events.get(0);
        assertEquals(id, e.notificationId().toString());
        assertEquals("SIGNUP_CONFIRMED", e.kind());
        assertEquals(v, e.recipient().volunteerId().toString());
        assertFalse(mapper.writeValueAsString(e).matches(".*1[3-9][0-9]{9}.*"), "no phone number on the topic");
    }

    @Test
    void cancellingMySignUpConfirmsTheCancellationAndSigningUpAgainConfirmsAgain() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, Fixtures.grid(community));
        String me = Fixtures.volunteerToken(v);
        String activity = futureActivity(community);
        Engagement.signUp(activity, v).then().statusCode(201);
        as(me).delete("/api/v1/me/signups/" + activity).then().statusCode(204);
        Engagement.signUp(activity, v).then().statusCode(201);

        List<String> kinds = as(me).get("/api/v1/me/notifications").then().statusCode(200).extract().jsonPath()
                .getList("items.kind");
        assertEquals(List.of("SIGNUP_CONFIRMED", "SIGNUP_CANCELLED", "SIGNUP_CONFIRMED"), kinds);
    }

    @Test
    void readingANoticeMarksItOnceAndSomeoneElsesNoticeIsNotFound() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String v = Fixtures.volunteer(community, grid);
        String other = Fixtures.volunteer(community, grid);
        Engagement.signUp(futureActivity(community), v).then().statusCode(201);
        String me = Fixtures.volunteerToken(v);
        String id = as(me).get("/api/v1/me/notifications").then().extract().path("items[0].id");

        String readAt = as(me).post("/api/v1/me/notifications/" + id + "/read").then().statusCode(200)
                .body("read", equalTo(true)).extract().path("readAt");
        as(me).post("/api/v1/me/notifications/" + id + "/read").then().statusCode(200).body("readAt", equalTo(readAt));
        as(me).get("/api/v1/me/notifications?unread=true").then().statusCode(200).body("items.size()", equalTo(0))
                .body("unreadCount", equalTo(0));
        as(Fixtures.volunteerToken(other)).post("/api/v1/me/notifications/" + id + "/read").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void aSignUpLateInTheEveningIsHeldUntilTheQuietHoursEnd() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, Fixtures.grid(community));
        String activity = futureActivity(community);
        LocalDate today = Fixtures.today();
        TestClocks.fix(clock, at(today, 22, 30));
        Engagement.signUp(activity, v).then().statusCode(201);

        JsonPath n = as(Fixtures.volunteerToken(v)).get("/api/v1/me/notifications").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(at(today.plusDays(1), 8, 0), Instant.parse(n.getString("items[0].notBefore")));
        assertTrue(n.getBoolean("items[0].held"));
    }

    @Test
    void preferencesDefaultToEverythingOnAndRefuseBadTimesWritingNothing() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, Fixtures.grid(community));
        String me = Fixtures.volunteerToken(v);
        as(me).get("/api/v1/me/notification-preferences").then().statusCode(200)
                .body("reminders", equalTo(true)).body("weeklyNudge", equalTo(true))
                .body("quietHours.from", equalTo("21:00")).body("quietHours.to", equalTo("08:00"));

        as(me).body(Map.of("reminders", true, "weeklyNudge", true, "quietHours", Map.of("from", "22:00", "to", "22:00")))
                .put("/api/v1/me/notification-preferences").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
        as(me).body(Map.of("reminders", true, "weeklyNudge", true, "quietHours", Map.of("from", "25:00", "to", "07:00")))
                .put("/api/v1/me/notification-preferences").then().statusCode(422);
        as(me).body(Map.of("reminders", true, "quietHours", Map.of("from", "22:00", "to", "07:00")))
                .put("/api/v1/me/notification-preferences").then().statusCode(422);
        assertEquals(0, Fixtures.count("notification_preference WHERE recipient = 'v:" + v + "'"));

        as(me).body(Map.of("reminders", false, "weeklyNudge", true, "quietHours", Map.of("from", "22:30", "to", "06:45")))
                .put("/api/v1/me/notification-preferences").then().statusCode(200)
                .body("reminders", equalTo(false)).body("quietHours.from", equalTo("22:30"));
        UUID subject = UUID.randomUUID();
        boolean sent = QuarkusTransaction.requiringNew().call(() -> notices.send(new Notice(
                new Recipient.Volunteer(UUID.fromString(v)), NoticeKind.ACTIVITY_REMINDER, subject, "PT24H", "提醒",
                "明天的活动", false)));
        assertFalse(sent, "reminders switched off");
        boolean urgent = QuarkusTransaction.requiringNew().call(() -> notices.send(new Notice(
                new Recipient.Volunteer(UUID.fromString(v)), NoticeKind.ACTIVITY_CANCELLED, subject, "1", "活动取消",
                "活动已取消", true)));
        assertTrue(urgent, "a cancellation cannot be switched off");
    }

    @Test
    void aStaffMembersInboxIsAddressedByTheirTokenSubjectAndNobodyElseSeesIt() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String sub = Fixtures.unique("worker");
        String mine = TestStack.token("COMMUNITY_ADMIN", Map.of("community", community, "sub", sub));
        String colleague = TestStack.token("COMMUNITY_ADMIN", Map.of("community", community, "sub", sub + "-2"));
        UUID appeal = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> notices.send(new Notice(new Recipient.Staff(sub),
                NoticeKind.APPEAL_FILED, appeal, "filed", "新的考勤申诉", "有志愿者提交了考勤申诉", false)));

        as(mine).get("/api/v1/me/notifications").then().statusCode(200).body("unreadCount", equalTo(1))
                .body("items[0].kind", equalTo("APPEAL_FILED")).body("items[0].subjectId", equalTo(appeal.toString()));
        as(colleague).get("/api/v1/me/notifications").then().statusCode(200).body("unreadCount", equalTo(0))
                .body("items.size()", equalTo(0));
    }

    @Test
    void twentySimultaneousSendsOfOneNoticeStoreOneRowAndPublishOneEvent() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        UUID v = UUID.fromString(Fixtures.volunteer(community, Fixtures.grid(community)));
        UUID subject = UUID.randomUUID();
        Notice n = new Notice(new Recipient.Volunteer(v), NoticeKind.ACTIVITY_CHANGED, subject, "2", "活动有变",
                "时间改为明天 9:00", true);
        int threads = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return QuarkusTransaction.requiringNew().call(() -> notices.send(n));
            }));
        }
        start.countDown();
        int sent = 0;
        for (Future<Boolean> f : results) {
            sent += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, sent);
        assertEquals(1, Fixtures.count("notification WHERE subject_id = '" + subject + "'"));
        List<NotificationRequested> events = eventsFor(v, 1);
        assertEquals(1, events.stream().filter(e -> e.subjectId().equals(subject)).count());
    }

    private List<NotificationRequested> eventsFor(UUID volunteer, int expected) throws Exception {
        return NotificationEvents.read(mapper, e -> volunteer.equals(e.volunteerId()), expected);
    }
}
