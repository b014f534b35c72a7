package org.yimeng.volunteer.attendance;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.volunteerToken;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GET /me/activities, self sign-up and cancellation, with VOLUNTEER tokens carrying a volunteer claim. */
@QuarkusTest
class MeActivitiesApiTest {
    private static final String COUNTY = "371302";

    /** A day of its own far ahead, so that the from/to filter shows only this test's activities. */
    private static Instant ownDay() {
        return Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
    }

    private static String activity(String community, String kind, Instant start, int capacity, List<String> skills) {
        return as(cityAdmin()).body(Engagement.activityBody(community, kind, start, start.plus(Duration.ofHours(1)),
                capacity, skills)).post("/api/v1/activities").then().statusCode(201).extract().path("id");
    }

    private static JsonPath mine(String token, String query) {
        return as(token).get("/api/v1/me/activities?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void ownCommunityComesFirstThenTheCountyAndPagingKeepsThatOrder() {
        String home = Fixtures.community(COUNTY);
        String neighbour = Fixtures.community(COUNTY);
        String far = Fixtures.community("371311");
        String me = volunteerToken(Fixtures.volunteer(home, null));
        Instant day = ownDay();
        // the neighbour's activities start earlier, yet mine come first; within each part by start
        String n1 = activity(neighbour, "REGULAR", day.plus(Duration.ofHours(1)), 5, List.of());
        String h2 = activity(home, "REGULAR", day.plus(Duration.ofHours(6)), 5, List.of());
        String n2 = activity(neighbour, "FAIR", day.plus(Duration.ofHours(2)), 5, List.of());
        String h1 = activity(home, "FAIR", day.plus(Duration.ofHours(4)), 5, List.of());
        String h3 = activity(home, "REGULAR", day.plus(Duration.ofHours(8)), 5, List.of());
        activity(far, "REGULAR", day.plus(Duration.ofHours(1)), 5, List.of());
        String window = "from=" + day + "&to=" + day.plus(Duration.ofDays(1));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = mine(me, window + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            paged.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
            // an activity added meanwhile to my community, earlier than all, does not shift later pages
            if (pages == 1) {
                activity(home, "REGULAR", day, 5, List.of());
            }
        } while (cursor != null);
        assertEquals(List.of(h1, h2, h3, n1, n2), paged);
        assertEquals(3, pages);

        JsonPath all = mine(me, window);
        assertEquals(6, all.getList("items").size());
        assertEquals(List.of(true, true, true, true, false, false), all.getList("items.ownCommunity"));
        assertNull(all.getString("nextCursor"));
    }

    @Test
    void filtersByKindAndSkillAndShowsFreePlacesAndMySignUp() {
        String home = Fixtures.community(COUNTY);
        String v = Fixtures.volunteer(home, null);
        String me = volunteerToken(v);
        Instant day = ownDay();
        String fair = activity(home, "FAIR", day, 3, List.of("义诊"));
        activity(home, "REGULAR", day.plus(Duration.ofHours(2)), 3, List.of("陪伴"));
        String window = "from=" + day + "&to=" + day.plus(Duration.ofDays(1));

        assertEquals(List.of(fair), mine(me, window + "&kind=FAIR").getList("items.id"));
        assertEquals(List.of(fair), mine(me, window + "&skill=义诊").getList("items.id"));
        as(me).body("{}").post("/api/v1/activities/" + fair + "/signups").then().statusCode(201)
                .body("volunteerId", equalTo(v));
        JsonPath after = mine(me, window + "&kind=FAIR");
        assertEquals(List.of(true), after.getList("items.signedUp"));
        assertEquals(List.of(2), after.getList("items.freePlaces"));
        // another volunteer sees the same place count, and themself not signed up
        JsonPath other = mine(volunteerToken(Fixtures.volunteer(home, null)), window + "&kind=FAIR");
        assertEquals(List.of(false), other.getList("items.signedUp"));
        assertEquals(List.of(2), other.getList("items.freePlaces"));
    }

    @Test
    void endedAndCompletedActivitiesAreNotListed() {
        String home = Fixtures.community(COUNTY);
        String me = volunteerToken(Fixtures.volunteer(home, null));
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        String ended = Engagement.activity(home, "REGULAR", start, start.plus(Duration.ofHours(1)), 5);
        String running = Engagement.activity(home, "REGULAR", start, start.plus(Duration.ofHours(4)), 5);
        List<String> ids = mine(me, "from=" + start + "&to=" + start.plus(Duration.ofHours(5)) + "&limit=500")
                .getList("items.id");
        assertEquals(true, ids.contains(running));
        assertEquals(false, ids.contains(ended));
    }

    @Test
    void aVolunteerNamingAnotherVolunteerIsForbiddenAndStaffMustNameOne() {
        String home = Fixtures.community(COUNTY);
        String me = volunteerToken(Fixtures.volunteer(home, null));
        String someoneElse = Fixtures.volunteer(home, null);
        String a = activity(home, "REGULAR", ownDay(), 5, List.of());
        as(me).body(Map.of("volunteerId", someoneElse)).post("/api/v1/activities/" + a + "/signups").then()
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(cityAdmin()).body("{}").post("/api/v1/activities/" + a + "/signups").then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED"));
        assertEquals(0, Fixtures.count("activity_signup WHERE activity_id = '" + a + "'"));
    }

    @Test
    void staffHaveNoMeActivities() {
        as(cityAdmin()).get("/api/v1/me/activities").then().statusCode(403);
    }

    @Test
    void cancellingFreesThePlaceAndAllowsSigningUpAgain() {
        String home = Fixtures.community(COUNTY);
        String v = Fixtures.volunteer(home, null);
        String me = volunteerToken(v);
        String a = activity(home, "REGULAR", ownDay(), 1, List.of());
        as(me).body("{}").post("/api/v1/activities/" + a + "/signups").then().statusCode(201);
        String other = Fixtures.volunteer(home, null);
        Engagement.signUp(a, other).then().statusCode(409).body("code", equalTo("ACTIVITY_FULL"));

        as(me).delete("/api/v1/me/signups/" + a).then().statusCode(204);
        assertEquals(0, Fixtures.count("activity_signup WHERE activity_id = '" + a + "'"));
        assertEquals(1, Fixtures.count("activity WHERE id = '" + a + "' AND signups = 0"));
        Engagement.signUp(a, other).then().statusCode(201);
        as(me).delete("/api/v1/me/signups/" + a).then().statusCode(422).body("code", equalTo("NOT_SIGNED_UP"));
    }

    @Test
    void insideTheCutOffBeforeTheStartASignUpStays() {
        String home = Fixtures.community(COUNTY);
        String v = Fixtures.volunteer(home, null);
        String me = volunteerToken(v);
        // default cut-off 2 h: starting in 90 min is inside it, in 3 h outside
        Instant soon = Instant.now().plus(Duration.ofMinutes(90));
        String close = Engagement.activity(home, "REGULAR", soon, soon.plus(Duration.ofHours(1)), 5);
        as(me).body("{}").post("/api/v1/activities/" + close + "/signups").then().statusCode(201);
        as(me).delete("/api/v1/me/signups/" + close).then().statusCode(409)
                .body("code", equalTo("SIGNUP_CUTOFF_PASSED")).body("cutoffAt", org.hamcrest.Matchers.notNullValue());
        assertEquals(1, Fixtures.count("activity_signup WHERE activity_id = '" + close + "'"));

        Instant later = Instant.now().plus(Duration.ofHours(3));
        String open = Engagement.activity(home, "REGULAR", later, later.plus(Duration.ofHours(1)), 5);
        as(me).body("{}").post("/api/v1/activities/" + open + "/signups").then().statusCode(201);
        as(me).delete("/api/v1/me/signups/" + open).then().statusCode(204);
    }
}
