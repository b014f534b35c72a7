package org.yimeng.volunteer;

import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yimeng.volunteer.config.ProgrammeConfig;

import io.quarkus.arc.Arc;
import io.restassured.response.Response;

/** Builders for activities, attendance and wishes, on top of {@link Fixtures}. */
public final class Engagement {
    private Engagement() {
    }

    /** The programme's zone ({@code programme.zone}), in which the service reads dates and weeks. */
    public static ZoneId zone() {
        return Arc.container().instance(ProgrammeConfig.class).get().zone();
    }

    /** An instant at a wall-clock time in the programme's zone. */
    public static Instant at(LocalDate date, int hour, int minute) {
        return date.atTime(LocalTime.of(hour, minute)).atZone(zone()).toInstant();
    }

    public static Map<String, Object> activityBody(String communityId, String kind, Instant start, Instant end,
            int capacity, List<String> skills) {
        Map<String, Object> body = new HashMap<>(Map.of("communityId", communityId, "kind", kind,
                "title", Fixtures.unique("活动"), "place", "社区广场", "startsAt", start.toString(),
                "endsAt", end.toString(), "capacity", capacity, "skills", skills));
        return body;
    }

    public static String activity(String communityId, String kind, Instant start, Instant end, int capacity) {
        return as(cityAdmin()).body(activityBody(communityId, kind, start, end, capacity, List.of()))
                .post("/api/v1/activities").then().statusCode(201).extract().path("id");
    }

    public static Response signUp(String activityId, String volunteerId) {
        return as(cityAdmin()).body(Map.of("volunteerId", volunteerId)).post("/api/v1/activities/" + activityId + "/signups");
    }

    public static Response checkIn(String activityId, String volunteerId, Instant at) {
        return as(cityAdmin()).body(Map.of("volunteerId", volunteerId, "at", at.toString()))
                .post("/api/v1/activities/" + activityId + "/check-in");
    }

    public static Response checkOut(String activityId, String volunteerId, Instant at) {
        return as(cityAdmin()).body(Map.of("volunteerId", volunteerId, "at", at.toString()))
                .post("/api/v1/activities/" + activityId + "/check-out");
    }

    public static Response complete(String activityId) {
        return as(cityAdmin()).post("/api/v1/activities/" + activityId + "/complete");
    }

    /** Signs up, checks in and out and completes: one service record of the given span. */
    public static void serve(String communityId, String volunteerId, Instant start, Instant end) {
        String a = activity(communityId, "REGULAR", start, end, 5);
        signUp(a, volunteerId).then().statusCode(201);
        checkIn(a, volunteerId, start).then().statusCode(200);
        checkOut(a, volunteerId, end).then().statusCode(200);
        complete(a).then().statusCode(200);
    }

    public static String wish(String householdId) {
        return as(cityAdmin()).body(Map.of("title", Fixtures.unique("心愿"), "description", "一台收音机",
                "estimatedCostFen", 5000)).post("/api/v1/households/" + householdId + "/wishes").then().statusCode(201)
                .extract().path("id");
    }
}
