package org.yimeng.volunteer.activity;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimeng.volunteer.Engagement.activity;
import static org.yimeng.volunteer.Engagement.activityBody;
import static org.yimeng.volunteer.Engagement.at;
import static org.yimeng.volunteer.Engagement.checkIn;
import static org.yimeng.volunteer.Engagement.checkOut;
import static org.yimeng.volunteer.Engagement.complete;
import static org.yimeng.volunteer.Engagement.signUp;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.communityAdmin;
import static org.yimeng.volunteer.Fixtures.volunteerToken;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.servicerecord.WorkingDays;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Activities: sign-up rules, attendance, completion into service records and the recording window. */
@QuarkusTest
class ActivityApiTest {
    private static final String COUNTY = "371321";

    private static Instant hoursAgo(long h) {
        return Instant.now().minus(Duration.ofHours(h)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    }

    @Test
    void createsActivityAndRejectsBadTimesAndMalformedBodies() {
        String community = Fixtures.community(COUNTY);
        Instant start = Instant.now().plus(Duration.ofDays(2));
        as(cityAdmin()).body(activityBody(community, "FAIR", start, start.plus(Duration.ofHours(3)), 30,
                List.of("理发", "义诊"))).post("/api/v1/activities").then().statusCode(201)
                .body("status", equalTo("PLANNED")).body("signups", equalTo(0)).body("kind", equalTo("FAIR"))
                .body("skills", equalTo(List.of("理发", "义诊"))).body("fundingFen", nullValue());
        as(cityAdmin()).body(activityBody(community, "FAIR", start, start, 30, List.of()))
                .post("/api/v1/activities").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
        as(cityAdmin()).body(activityBody(community, "FAIR", start, start.plus(Duration.ofHours(25)), 30, List.of()))
                .post("/api/v1/activities").then().statusCode(422);
        as(cityAdmin()).body(activityBody(community, "PARTY", start, start.plusSeconds(3600), 30, List.of()))
                .post("/api/v1/activities").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        Map<String, Object> zero = new HashMap<>(activityBody(community, "FAIR", start, start.plusSeconds(3600), 0,
                List.of()));
        as(cityAdmin()).body(zero).post("/api/v1/activities").then().statusCode(422);
        Map<String, Object> negativeMoney = new HashMap<>(activityBody(community, "FAIR", start,
                start.plusSeconds(3600), 3, List.of()));
        negativeMoney.put("fundingFen", -5);
        as(cityAdmin()).body(negativeMoney).post("/api/v1/activities").then().statusCode(422);
        as(cityAdmin()).body("{\"communityId\": ").post("/api/v1/activities").then().statusCode(400);
        as(cityAdmin()).body("{\"volunteerId\": \"not-a-uuid\"}").post("/api/v1/activities/" + activity(community,
                "REGULAR", start, start.plusSeconds(3600), 1) + "/signups").then().statusCode(400);
        as(cityAdmin()).body(Map.of("volunteerId", Fixtures.volunteer(community, null), "at", "yesterday"))
                .post("/api/v1/activities/" + activity(community, "REGULAR", start, start.plusSeconds(3600), 1)
                        + "/check-in").then().statusCode(400);
        as(cityAdmin()).queryParam("kind", "PARTY").get("/api/v1/activities").then().statusCode(422);
        as(cityAdmin()).get("/api/v1/activities/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void signUpAnswersFullAlreadySignedUpAndOverlapping() {
        String community = Fixtures.community(COUNTY);
        Instant start = Instant.now().plus(Duration.ofDays(3));
        String a = activity(community, "FAIR", start, start.plus(Duration.ofHours(2)), 1);
        String v1 = Fixtures.volunteer(community, null);
        String v2 = Fixtures.volunteer(community, null);
        signUp(a, v1).then().statusCode(201).body("volunteerId", equalTo(v1));
        signUp(a, v1).then().statusCode(409).body("code", equalTo("ALREADY_SIGNED_UP"));
        signUp(a, v2).then().statusCode(409).body("code", equalTo("ACTIVITY_FULL"));
        // overlapping by one hour
        String b = activity(community, "REGULAR", start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(4)), 5);
        signUp(b, v1).then().statusCode(409).body("code", equalTo("OVERLAPPING_SIGNUP")).body("activityId", equalTo(a));
        // back to back is no overlap
        String c = activity(community, "REGULAR", start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)), 5);
        signUp(c, v1).then().statusCode(201);
        as(cityAdmin()).get("/api/v1/activities/" + a).then().statusCode(200).body("signups", equalTo(1));
        // a volunteer signs themself up, not someone else
        as(volunteerToken(v2)).body(Map.of("volunteerId", v2)).post("/api/v1/activities/" + b + "/signups").then()
                .statusCode(201);
        String v3 = Fixtures.volunteer(community, null);
        as(volunteerToken(v2)).body(Map.of("volunteerId", v3)).post("/api/v1/activities/" + b + "/signups").then()
                .statusCode(403);
        // staff of another community may not sign up for this one
        as(communityAdmin(Fixtures.community(COUNTY))).body(Map.of("volunteerId", v3))
                .post("/api/v1/activities/" + b + "/signups").then().statusCode(403);
        as(cityAdmin()).body(Map.of("volunteerId", java.util.UUID.randomUUID().toString()))
                .post("/api/v1/activities/" + b + "/signups").then().statusCode(422);
        as(cityAdmin()).body(Map.of("status", "SUSPENDED")).patch("/api/v1/volunteers/" + v3).then().statusCode(200);
        signUp(b, v3).then().statusCode(422).body("code", equalTo("VOLUNTEER_NOT_ACTIVE"));
    }

    @Test
    void checkInAndOutRulesAnswerTheirCodes() {
        String community = Fixtures.community(COUNTY);
        Instant start = hoursAgo(3);
        Instant end = hoursAgo(1);
        String a = activity(community, "REGULAR", start, end, 5);
        String v = Fixtures.volunteer(community, null);
        String stranger = Fixtures.volunteer(community, null);
        checkIn(a, stranger, start).then().statusCode(422).body("code", equalTo("NOT_SIGNED_UP"));
        signUp(a, v).then().statusCode(201);
        checkOut(a, v, end).then().statusCode(409).body("code", equalTo("NOT_CHECKED_IN"));
        checkIn(a, v, start.minus(Duration.ofHours(3))).then().statusCode(409).body("code", equalTo("ACTIVITY_NOT_STARTED"));
        checkIn(a, v, Instant.now().plus(Duration.ofHours(1))).then().statusCode(422);
        checkIn(a, v, start.plusSeconds(600)).then().statusCode(200).body("checkedInAt", equalTo(start.plusSeconds(600).toString()));
        checkIn(a, v, start.plusSeconds(900)).then().statusCode(409).body("code", equalTo("ALREADY_CHECKED_IN"));
        checkOut(a, v, start).then().statusCode(422).body("code", equalTo("CHECK_OUT_BEFORE_CHECK_IN"));
        checkOut(a, v, end.minusSeconds(600)).then().statusCode(200);
        checkOut(a, v, end).then().statusCode(409).body("code", equalTo("ALREADY_CHECKED_OUT"));
        // out of order: completion before the end is refused, not a 500
        String future = activity(community, "REGULAR", Instant.now().plus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofHours(2)), 5);
        complete(future).then().statusCode(409).body("code", equalTo("INVALID_ACTIVITY_STATE"));
        as(cityAdmin()).contentType(ContentType.JSON).body("{}").post("/api/v1/activities/" + a + "/check-in").then()
                .statusCode(422);
    }

    @Test
    void completionClipsPresenceToTheActivityAcrossMidnightAndFlagsMissingCheckOut() {
        String community = Fixtures.community(COUNTY);
        LocalDate day = Fixtures.today().minusDays(2);
        Instant start = at(day, 22, 0);
        Instant end = at(day.plusDays(1), 2, 0);
        String a = activity(community, "EMERGENCY", start, end, 10);
        String early = Fixtures.volunteer(community, null);
        String forgetful = Fixtures.volunteer(community, null);
        String absent = Fixtures.volunteer(community, null);
        String instant = Fixtures.volunteer(community, null);
        for (String v : List.of(early, forgetful, absent, instant)) {
            signUp(a, v).then().statusCode(201);
        }
        checkIn(a, early, at(day, 21, 30)).then().statusCode(200);
        checkOut(a, early, at(day.plusDays(1), 1, 15)).then().statusCode(200);
        checkIn(a, forgetful, at(day, 23, 10)).then().statusCode(200);
        checkIn(a, instant, at(day, 22, 30)).then().statusCode(200);
        checkOut(a, instant, at(day, 22, 30)).then().statusCode(200);

        complete(a).then().statusCode(200).body("activity.status", equalTo("COMPLETED"))
                .body("recordCount", equalTo(2)).body("flaggedCount", equalTo(1));

        // 22:00 (clipped from 21:30) to 01:15 is 195 minutes, dated the day it started
        as(cityAdmin()).get("/api/v1/volunteers/" + early + "/service-records").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].minutes", equalTo(195))
                .body("items[0].startedAt", equalTo(start.toString()))
                .body("items[0].serviceDate", equalTo(day.toString())).body("items[0].flagged", equalTo(false))
                .body("items[0].sourceKind", equalTo("ACTIVITY")).body("items[0].sourceId", equalTo(a));
        // no check-out: closed at the end (02:00) and flagged
        as(cityAdmin()).get("/api/v1/volunteers/" + forgetful + "/service-records").then().statusCode(200)
                .body("items[0].minutes", equalTo(170)).body("items[0].flagged", equalTo(true))
                .body("items[0].endedAt", equalTo(end.toString()));
        as(cityAdmin()).get("/api/v1/volunteers/" + absent + "/service-records").then().body("items", hasSize(0));
        as(cityAdmin()).get("/api/v1/volunteers/" + instant + "/service-records").then().body("items", hasSize(0));
        as(cityAdmin()).get("/api/v1/volunteers/" + early).then().body("totalMinutes", equalTo(195));

        complete(a).then().statusCode(409).body("code", equalTo("INVALID_ACTIVITY_STATE"));
        signUp(a, Fixtures.volunteer(community, null)).then().statusCode(409).body("code",
                equalTo("INVALID_ACTIVITY_STATE"));
        checkIn(a, absent, at(day, 23, 0)).then().statusCode(409).body("code", equalTo("INVALID_ACTIVITY_STATE"));
        assertEquals(0, Fixtures.count("service_record WHERE minutes <= 0 OR ended_at > now() OR started_at > ended_at"));
        // the database itself refuses a second timed record of the volunteer that overlaps the first
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Fixtures.sql("INSERT INTO service_record (id, volunteer_id, source_kind, source_id, community_id, "
                        + "service_date, started_at, ended_at, minutes, place, content, created_at) VALUES "
                        + "(gen_random_uuid(), '" + early + "', 'ACTIVITY', gen_random_uuid(), '" + community + "', '"
                        + day + "', '" + at(day, 23, 0) + "', '" + at(day, 23, 30) + "', 30, 'x', 'x', now())"));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getCause().getMessage().contains("service_record_no_overlap"));
    }

    @Test
    void completionIsRefusedMoreThanTenWorkingDaysAfterTheService() {
        String community = Fixtures.community(COUNTY);
        LocalDate today = Fixtures.today();
        LocalDate ten = today;
        while (WorkingDays.between(ten, today) < 10 || ten.getDayOfWeek().getValue() > 5) {
            ten = ten.minusDays(1);
        }
        LocalDate eleven = ten.minusDays(1);
        while (WorkingDays.between(eleven, today) < 11) {
            eleven = eleven.minusDays(1);
        }
        String v = Fixtures.volunteer(community, null);
        String inWindow = activity(community, "FAIR", at(ten, 9, 0), at(ten, 11, 0), 5);
        signUp(inWindow, v).then().statusCode(201);
        checkIn(inWindow, v, at(ten, 9, 0)).then().statusCode(200);
        complete(inWindow).then().statusCode(200).body("records[0].minutes", equalTo(120));

        String late = activity(community, "FAIR", at(eleven, 9, 0), at(eleven, 11, 0), 5);
        signUp(late, v).then().statusCode(201);
        checkIn(late, v, at(eleven, 9, 0)).then().statusCode(200);
        complete(late).then().statusCode(422).body("code", equalTo("RECORDING_WINDOW_CLOSED"));

        LocalDate fifteen = today.minusDays(21); // three weeks hold exactly 15 working days
        String older = activity(community, "REGULAR", at(fifteen, 9, 0), at(fifteen, 10, 0), 5);
        complete(older).then().statusCode(422).body("code", equalTo("RECORDING_WINDOW_CLOSED"));
        as(cityAdmin()).get("/api/v1/activities/" + older).then().body("status", equalTo("PLANNED"));
    }

    @Test
    void listsActivitiesByFiltersAndScope() {
        String community = Fixtures.community(COUNTY);
        String other = Fixtures.community(COUNTY);
        Instant start = Instant.now().plus(Duration.ofDays(5));
        String fair = activity(community, "FAIR", start, start.plusSeconds(3600), 5);
        activity(community, "REGULAR", start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(1)).plusSeconds(60), 5);
        activity(other, "FAIR", start, start.plusSeconds(3600), 5);
        as(cityAdmin()).queryParam("communityId", community).queryParam("kind", "FAIR").get("/api/v1/activities")
                .then().statusCode(200).body("items.id", equalTo(List.of(fair)));
        as(cityAdmin()).queryParam("communityId", community).queryParam("to", start.plusSeconds(7200).toString())
                .get("/api/v1/activities").then().body("items.id", equalTo(List.of(fair)));
        as(communityAdmin(other)).queryParam("communityId", community).get("/api/v1/activities").then()
                .statusCode(200).body("items", hasSize(0));
        as(communityAdmin(other)).get("/api/v1/activities/" + fair).then().statusCode(403);
        as(volunteerToken(Fixtures.volunteer(other, null))).get("/api/v1/activities/" + fair).then().statusCode(200);
        as(cityAdmin()).queryParam("from", "soon").get("/api/v1/activities").then().statusCode(422);
    }
}
