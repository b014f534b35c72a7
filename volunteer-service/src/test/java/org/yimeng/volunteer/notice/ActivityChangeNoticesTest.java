package org.yimeng.volunteer.notice;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimeng.volunteer.Engagement.at;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.model.event.NotificationRequested;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** PATCH and cancel of an activity tell every signed-up volunteer once, on the inbox and on the topic. */
@QuarkusTest
class ActivityChangeNoticesTest {
    @Inject
    ObjectMapper mapper;

    private static long notices(String activity, String kind) {
        return Fixtures.count("notification WHERE subject_id = '" + activity + "' AND kind = '" + kind + "'");
    }

    @Test
    void movingAnActivityTellsEachSignedUpVolunteerOnceAndTheSameChangeAgainTellsNobody() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        List<String> volunteers = List.of(Fixtures.volunteer(community, grid), Fixtures.volunteer(community, grid),
                Fixtures.volunteer(community, grid));
        LocalDate day = Fixtures.today().plusDays(5);
        String activity = Engagement.activity(community, "REGULAR", at(day, 9, 0), at(day, 10, 0), 5);
        volunteers.forEach(v -> Engagement.signUp(activity, v).then().statusCode(201));
        Map<String, Object> move = Map.of("startsAt", at(day, 14, 0).toString(), "endsAt", at(day, 15, 30).toString(),
                "place", "社区活动室（二楼）");

        as(cityAdmin()).body(move).patch("/api/v1/activities/" + activity).then().statusCode(200)
                .body("startsAt", equalTo(at(day, 14, 0).toString())).body("place", equalTo("社区活动室（二楼）"));
        as(cityAdmin()).body(move).patch("/api/v1/activities/" + activity).then().statusCode(200);
        assertEquals(3, notices(activity, "ACTIVITY_CHANGED"));
        String body = as(Fixtures.volunteerToken(volunteers.get(0))).get("/api/v1/me/notifications").then()
                .statusCode(200).extract().path("items[0].body");
        assertEquals(true, body.contains("地点改为 社区活动室（二楼）"), body);

        as(cityAdmin()).body(Map.of("capacity", 4)).patch("/api/v1/activities/" + activity).then().statusCode(200);
        assertEquals(6, notices(activity, "ACTIVITY_CHANGED"));
        // the sign-ups moved with the activity: each volunteer is now busy at the new time
        assertEquals(3, Fixtures.count("activity_signup WHERE activity_id = '" + activity + "' AND starts_at = '"
                + at(day, 14, 0) + "'"));

        Set<String> keys = volunteers.stream().collect(Collectors.toSet());
        List<NotificationRequested> events = changedEvents(UUID.fromString(activity), 6);
        assertEquals(6, events.size());
        for (String v : keys) {
            assertEquals(2, events.stream().filter(e -> v.equals(e.volunteerId().toString())).count(), v);
        }
    }

    @Test
    void aCapacityBelowTheSignUpsOrAnEndBeforeTheStartIsRefusedAndNothingIsWritten() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        LocalDate day = Fixtures.today().plusDays(5);
        String activity = Engagement.activity(community, "REGULAR", at(day, 9, 0), at(day, 10, 0), 5);
        Engagement.signUp(activity, Fixtures.volunteer(community, grid)).then().statusCode(201);
        Engagement.signUp(activity, Fixtures.volunteer(community, grid)).then().statusCode(201);

        as(cityAdmin()).body(Map.of("capacity", 1)).patch("/api/v1/activities/" + activity).then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"));
        as(cityAdmin()).body(Map.of("endsAt", at(day, 8, 0).toString())).patch("/api/v1/activities/" + activity)
                .then().statusCode(422);
        as(cityAdmin()).body(Map.of("title", "  ")).patch("/api/v1/activities/" + activity).then().statusCode(422);
        as(cityAdmin()).get("/api/v1/activities/" + activity).then().body("capacity", equalTo(5))
                .body("endsAt", equalTo(at(day, 10, 0).toString()));
        assertEquals(0, notices(activity, "ACTIVITY_CHANGED"));
    }

    @Test
    void aMoveOntoAnotherSignUpOfAVolunteerIsRefusedAsOverlappingAndNothingMoves() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, Fixtures.grid(community));
        LocalDate day = Fixtures.today().plusDays(6);
        String morning = Engagement.activity(community, "REGULAR", at(day, 9, 0), at(day, 10, 0), 5);
        String noon = Engagement.activity(community, "REGULAR", at(day, 12, 0), at(day, 13, 0), 5);
        Engagement.signUp(morning, v).then().statusCode(201);
        Engagement.signUp(noon, v).then().statusCode(201);

        as(cityAdmin()).body(Map.of("startsAt", at(day, 9, 30).toString(), "endsAt", at(day, 10, 30).toString()))
                .patch("/api/v1/activities/" + noon).then().statusCode(409).body("code", equalTo("OVERLAPPING_SIGNUP"));
        as(cityAdmin()).get("/api/v1/activities/" + noon).then().body("startsAt", equalTo(at(day, 12, 0).toString()));
        assertEquals(0, notices(noon, "ACTIVITY_CHANGED"));
    }

    @Test
    void cancellingTellsEverySignedUpVolunteerUrgentlyAndClosesTheActivity() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, grid);
        LocalDate day = Fixtures.today().plusDays(4);
        String activity = Engagement.activity(community, "REGULAR", at(day, 9, 0), at(day, 10, 0), 5);
        Engagement.signUp(activity, a).then().statusCode(201);
        Engagement.signUp(activity, b).then().statusCode(201);

        as(Fixtures.communityAdmin(community)).body(Map.of("reason", "暴雨预警，活动改期"))
                .post("/api/v1/activities/" + activity + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertEquals(2, notices(activity, "ACTIVITY_CANCELLED"));
        as(Fixtures.volunteerToken(a)).get("/api/v1/me/notifications").then().statusCode(200)
                .body("items[0].kind", equalTo("ACTIVITY_CANCELLED")).body("items[0].urgent", equalTo(true))
                .body("items[0].held", equalTo(false));

        as(cityAdmin()).body(Map.of("reason", "again")).post("/api/v1/activities/" + activity + "/cancel").then()
                .statusCode(409).body("code", equalTo("INVALID_ACTIVITY_STATE"));
        Engagement.signUp(activity, Fixtures.volunteer(community, grid)).then().statusCode(409)
                .body("code", equalTo("INVALID_ACTIVITY_STATE"));
        as(cityAdmin()).body(Map.of("reason", "")).post("/api/v1/activities/" + activity + "/cancel").then()
                .statusCode(422);
        assertEquals(2, notices(activity, "ACTIVITY_CANCELLED"));
    }

    @Test
    void aCompletedActivityCanNeitherChangeNorBeCancelled() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, Fixtures.grid(community));
        LocalDate day = Fixtures.today().minusDays(1);
        String past = Engagement.activity(community, "REGULAR", at(day, 14, 0), at(day, 15, 0), 5);
        Engagement.signUp(past, v).then().statusCode(201);
        Engagement.checkIn(past, v, at(day, 14, 0)).then().statusCode(200);
        Engagement.checkOut(past, v, at(day, 15, 0)).then().statusCode(200);
        Engagement.complete(past).then().statusCode(200);

        as(cityAdmin()).body(Map.of("title", "新名称")).patch("/api/v1/activities/" + past).then().statusCode(409)
                .body("code", equalTo("ACTIVITY_ALREADY_COMPLETED"));
        as(cityAdmin()).body(Map.of("reason", "太晚了")).post("/api/v1/activities/" + past + "/cancel").then()
                .statusCode(409).body("code", equalTo("ACTIVITY_ALREADY_COMPLETED"));
    }

    private List<NotificationRequested> changedEvents(UUID activity, int expected) throws Exception {
        return NotificationEvents.read(mapper, e -> activity.equals(e.subjectId()) && "ACTIVITY_CHANGED".equals(e.kind()),
                expected);
    }
}
