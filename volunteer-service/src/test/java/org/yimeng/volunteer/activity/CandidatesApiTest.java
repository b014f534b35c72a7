package org.yimeng.volunteer.activity;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.yimeng.volunteer.Engagement.activityBody;
import static org.yimeng.volunteer.Engagement.signUp;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** The emergency call-out: who has the skills, is free, and lives nearest. */
@QuarkusTest
class CandidatesApiTest {
    private static final String COUNTY = "371329";

    private static String volunteer(String community, String grid, List<String> skills) {
        Map<String, Object> body = new HashMap<>(Map.of("name", Fixtures.unique("志愿者"), "phone", Fixtures.phone(),
                "communityId", community, "skills", skills, "consent", true));
        if (grid != null) {
            body.put("gridId", grid);
        }
        return as(cityAdmin()).body(body).post("/api/v1/volunteers").then().statusCode(201).extract().path("id");
    }

    @Test
    void ranksFreeSkilledActiveVolunteersNearestFirst() {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        String otherGrid = Fixtures.grid(community);
        String neighbour = Fixtures.community(COUNTY);
        String skill = Fixtures.unique("急救");
        List<String> wanted = List.of(skill, "驾驶");
        String inCounty = volunteer(neighbour, null, List.of(skill, "驾驶", "厨艺"));
        String inCommunity = volunteer(community, otherGrid, wanted);
        String inGrid = volunteer(community, grid, wanted);
        String halfSkilled = volunteer(community, grid, List.of(skill));
        String suspended = volunteer(community, grid, wanted);
        as(cityAdmin()).body(Map.of("status", "SUSPENDED")).patch("/api/v1/volunteers/" + suspended).then().statusCode(200);
        String busy = volunteer(community, grid, wanted);
        String elsewhere = volunteer(Fixtures.community("371302"), null, wanted);

        Instant start = Instant.now().plus(Duration.ofDays(1));
        Map<String, Object> body = new HashMap<>(activityBody(community, "EMERGENCY", start,
                start.plus(Duration.ofHours(6)), 10, wanted));
        body.put("gridId", grid);
        String emergency = as(cityAdmin()).body(body).post("/api/v1/activities").then().statusCode(201).extract().path("id");
        String fair = as(cityAdmin()).body(activityBody(community, "FAIR", start.plus(Duration.ofHours(5)),
                start.plus(Duration.ofHours(8)), 10, List.of())).post("/api/v1/activities").then().statusCode(201)
                .extract().path("id");
        signUp(fair, busy).then().statusCode(201);

        as(cityAdmin()).get("/api/v1/activities/" + emergency + "/candidates").then().statusCode(200)
                .body("items.volunteerId", equalTo(List.of(inGrid, inCommunity, inCounty)))
                .body("items.proximity", equalTo(List.of("GRID", "COMMUNITY", "COUNTY"))).body("nextCursor", equalTo(null))
                .body("items.phone[0]", not(equalTo(null))).body("items.phone", not(hasItem(org.hamcrest.Matchers.matchesPattern("\\d{11}"))));
        as(cityAdmin()).queryParam("limit", 1).get("/api/v1/activities/" + emergency + "/candidates").then()
                .body("items.volunteerId", equalTo(List.of(inGrid)));
        // once signed up, a volunteer is no longer a candidate
        signUp(emergency, inGrid).then().statusCode(201);
        as(cityAdmin()).get("/api/v1/activities/" + emergency + "/candidates").then()
                .body("items.volunteerId", equalTo(List.of(inCommunity, inCounty)));
        as(cityAdmin()).queryParam("limit", 0).get("/api/v1/activities/" + emergency + "/candidates").then()
                .statusCode(422);
        as(Fixtures.communityAdmin(neighbour)).get("/api/v1/activities/" + emergency + "/candidates").then()
                .statusCode(403);
    }
}
