package org.yimeng.volunteer.attendance;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.volunteerToken;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;

import io.quarkus.test.junit.QuarkusTest;

/** Appeals of a forgotten check-out or check-in: filing, one open at a time, approval into the record, rejection. */
@QuarkusTest
class AttendanceAppealApiTest {
    private static final String COUNTY = "371302";

    @Inject
    BusinessClock clock;

    @AfterEach
    void backToRealTime() {
        TestClocks.reset(clock);
    }

    /** An activity that ended an hour ago, the volunteer signed up and checked in at its start. */
    private record Attended(String community, String activity, String volunteer, Instant start, Instant end) {
    }

    private static Attended attended(Duration length, boolean checkIn) {
        String community = Fixtures.community(COUNTY);
        String v = Fixtures.volunteer(community, null);
        Instant end = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(length);
        String a = Engagement.activity(community, "REGULAR", start, end, 5);
        Engagement.signUp(a, v).then().statusCode(201);
        if (checkIn) {
            Engagement.checkIn(a, v, start).then().statusCode(200);
        }
        return new Attended(community, a, v, start, end);
    }

    private static io.restassured.response.Response file(Attended x, Instant out, Instant in) {
        Map<String, Object> body = new HashMap<>(Map.of("activityId", x.activity(), "checkedOutAt", out.toString(),
                "reason", "忘记签退了，手机没电。"));
        if (in != null) {
            body.put("checkedInAt", in.toString());
        }
        return as(volunteerToken(x.volunteer())).body(body).post("/api/v1/me/attendance-appeals");
    }

    @Test
    void anApprovedForgottenCheckOutReplacesTheFlaggedRecordWithTheRealTime() {
        Attended x = attended(Duration.ofHours(2), true);
        String admin = Fixtures.communityAdmin(x.community());
        // completed without a check-out: closed at the end, flagged
        Engagement.complete(x.activity()).then().statusCode(200).body("flaggedCount", equalTo(1));
        String id = file(x, x.start().plus(Duration.ofMinutes(45)), null).then().statusCode(201)
                .body("status", equalTo("OPEN")).body("reason", equalTo("忘记签退了，手机没电。")).extract().path("id");

        as(admin).get("/api/v1/attendance-appeals?status=OPEN&communityId=" + x.community()).then().statusCode(200)
                .body("items.id", equalTo(List.of(id))).body("nextCursor", nullValue());
        as(admin).post("/api/v1/attendance-appeals/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("serviceRecordId", notNullValue())
                .body("previousCheckedOutAt", nullValue()).body("decidedAt", notNullValue());

        as(admin).get("/api/v1/volunteers/" + x.volunteer() + "/service-records").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].minutes", equalTo(45))
                .body("items[0].flagged", equalTo(false));
        as(admin).post("/api/v1/attendance-appeals/" + id + "/approve").then().statusCode(409)
                .body("code", equalTo("APPEAL_NOT_OPEN"));
        as(admin).get("/api/v1/attendance-appeals?status=APPROVED&communityId=" + x.community()).then()
                .body("items.id", equalTo(List.of(id)));
    }

    @Test
    void anApprovedForgottenCheckInBeforeCompletionIsCountedByTheCompletion() {
        Attended x = attended(Duration.ofHours(2), false);
        String id = file(x, x.end().plus(Duration.ofMinutes(30)), x.start().minus(Duration.ofMinutes(10)))
                .then().statusCode(201).extract().path("id");
        as(Fixtures.communityAdmin(x.community())).post("/api/v1/attendance-appeals/" + id + "/approve").then()
                .statusCode(200).body("serviceRecordId", nullValue());
        // clipped to the activity: 120 minutes, not flagged
        Engagement.complete(x.activity()).then().statusCode(200).body("recordCount", equalTo(1))
                .body("flaggedCount", equalTo(0)).body("records[0].minutes", equalTo(120));
    }

    @Test
    void aRejectedAppealChangesNothingAndAnotherMayBeFiled() {
        Attended x = attended(Duration.ofHours(1), true);
        String admin = Fixtures.communityAdmin(x.community());
        String id = file(x, x.end(), null).then().statusCode(201).extract().path("id");
        file(x, x.end(), null).then().statusCode(409).body("code", equalTo("APPEAL_ALREADY_OPEN"));
        as(admin).body(Map.of("reason", "无人见证")).post("/api/v1/attendance-appeals/" + id + "/reject").then()
                .statusCode(200).body("status", equalTo("REJECTED")).body("decisionNote", equalTo("无人见证"));
        assertEquals(1, Fixtures.count("activity_signup WHERE activity_id = '" + x.activity()
                + "' AND checked_out_at IS NULL"));
        file(x, x.end(), null).then().statusCode(201);
        assertEquals(2, Fixtures.count("attendance_appeal WHERE activity_id = '" + x.activity() + "'"));
    }

    @Test
    void simultaneousFilingsGiveOneOpenAppeal() throws Exception {
        Attended x = attended(Duration.ofHours(1), true);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> file(x, x.end(), null).statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        Map<Integer, Integer> outcomes = new HashMap<>();
        try {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                outcomes.merge(f.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(Map.of(201, 1, 409, 9), outcomes);
        assertEquals(1, Fixtures.count("attendance_appeal WHERE activity_id = '" + x.activity() + "'"));
    }

    @Test
    void filingAndApprovalAfterTheRecordingWindowAreRefused() {
        Attended x = attended(Duration.ofHours(1), true);
        String admin = Fixtures.communityAdmin(x.community());
        String id = file(x, x.end(), null).then().statusCode(201).extract().path("id");
        // 11 working days after the activity's day (the programme's zone): a Monday three weeks on is always past 10
        LocalDate day = LocalDate.ofInstant(x.end(), Engagement.zone());
        LocalDate late = day.plusWeeks(2).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        TestClocks.fix(clock, Engagement.at(late, 10, 0));
        as(admin).post("/api/v1/attendance-appeals/" + id + "/approve").then().statusCode(422)
                .body("code", equalTo("RECORDING_WINDOW_CLOSED"));
        as(admin).body(Map.of("reason", "太晚")).post("/api/v1/attendance-appeals/" + id + "/reject").then()
                .statusCode(200);
        file(x, x.end(), null).then().statusCode(422).body("code", equalTo("RECORDING_WINDOW_CLOSED"));
    }

    @Test
    void badAppealsAreRefused() {
        Attended x = attended(Duration.ofHours(1), false);
        // no check-in recorded and none given
        file(x, x.end(), null).then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
        file(x, x.start(), x.end()).then().statusCode(422).body("code", equalTo("CHECK_OUT_BEFORE_CHECK_IN"));
        file(x, Instant.now().plus(Duration.ofHours(1)), x.start()).then().statusCode(422);
        // someone not signed up
        String stranger = volunteerToken(Fixtures.volunteer(x.community(), null));
        as(stranger).body(Map.of("activityId", x.activity(), "checkedOutAt", x.end().toString(), "reason", "x"))
                .post("/api/v1/me/attendance-appeals").then().statusCode(422).body("code", equalTo("NOT_SIGNED_UP"));
        assertEquals(0, Fixtures.count("attendance_appeal WHERE activity_id = '" + x.activity() + "'"));
    }

    @Test
    void organisersOutsideTheScopeCannotSeeOrDecide() {
        Attended x = attended(Duration.ofHours(1), true);
        String id = file(x, x.end(), null).then().statusCode(201).extract().path("id");
        String outsider = Fixtures.communityAdmin(Fixtures.community(COUNTY));
        as(outsider).post("/api/v1/attendance-appeals/" + id + "/approve").then().statusCode(403);
        List<String> seen = as(outsider).get("/api/v1/attendance-appeals?limit=500").then().statusCode(200).extract()
                .path("items.id");
        assertTrue(!seen.contains(id));
    }
}
