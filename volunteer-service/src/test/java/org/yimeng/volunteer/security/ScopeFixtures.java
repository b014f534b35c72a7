package org.yimeng.volunteer.security;

import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.yimeng.local.TestStack;
import org.yimeng.local.Tokens;
import org.yimeng.local.testing.AuthorizationMatrix;
import org.yimeng.volunteer.Fixtures;

import io.restassured.RestAssured;

/**
 * The records and callers the authorization matrix (src/test/resources/authz-matrix.tsv) and the hostile-input test
 * use: one county ("IN") with a community, two grids and records of every kind, and callers in and out of it.
 */
final class ScopeFixtures {
    static final String COUNTY = "371326";
    static final String OTHER_COUNTY = "371327";

    final Map<String, String> vars = new LinkedHashMap<>();
    final Map<String, String> authorization = new LinkedHashMap<>();

    ScopeFixtures() {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        String otherGrid = Fixtures.grid(community);
        String otherCommunity = Fixtures.community(COUNTY);
        String farCommunity = Fixtures.community(OTHER_COUNTY);
        String volunteer = Fixtures.volunteer(community, grid);
        String volunteer2 = Fixtures.volunteer(community, grid);
        String volunteer3 = Fixtures.volunteer(community, grid);
        String farVolunteer = Fixtures.volunteer(farCommunity, null);
        String household = Fixtures.household(community, grid);
        String household2 = Fixtures.household(community, grid);
        String pairing = Fixtures.pairing(household, volunteer, volunteer2);
        String pairingToEnd = Fixtures.pairing(Fixtures.household(community, grid), volunteer, volunteer2);
        String activity = as(cityAdmin()).body(Map.of("communityId", community, "gridId", grid, "kind", "REGULAR", "title", "矩阵活动",
                "place", "广场", "startsAt", Instant.now().minus(2, ChronoUnit.HOURS).toString(), "endsAt",
                Instant.now().minus(1, ChronoUnit.HOURS).toString(), "capacity", 10, "skills", List.of()))
                .post("/api/v1/activities").then().statusCode(201).extract().path("id");
        // attendance by phone: an activity the volunteer attended, with an open appeal of a forgotten check-out
        Instant appealStart = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        String appealActivity = as(cityAdmin()).body(Map.of("communityId", community, "gridId", grid, "kind", "REGULAR",
                "title", "申诉活动", "place", "广场", "startsAt", appealStart.toString(), "endsAt",
                appealStart.plus(1, ChronoUnit.HOURS).toString(), "capacity", 10, "skills", List.of()))
                .post("/api/v1/activities").then().statusCode(201).extract().path("id");
        as(cityAdmin()).body(Map.of("volunteerId", volunteer)).post("/api/v1/activities/" + appealActivity + "/signups")
                .then().statusCode(201);
        as(cityAdmin()).body(Map.of("volunteerId", volunteer, "at", appealStart.toString()))
                .post("/api/v1/activities/" + appealActivity + "/check-in").then().statusCode(200);
        vars.put("appealActivity", appealActivity);
        vars.put("appealOut", appealStart.plus(50, ChronoUnit.MINUTES).toString());
        vars.put("appeal", as(Fixtures.volunteerToken(volunteer)).body(Map.of("activityId", appealActivity,
                "checkedOutAt", vars.get("appealOut"), "reason", "忘记签退"))
                .post("/api/v1/me/attendance-appeals").then().statusCode(201).extract().path("id"));
        vars.put("run", UUID.randomUUID().toString().substring(0, 8));
        vars.put("county", COUNTY);
        vars.put("community", community);
        vars.put("grid", grid);
        vars.put("volunteer", volunteer);
        vars.put("volunteer2", volunteer2);
        vars.put("volunteer3", volunteer3);
        vars.put("household", household);
        vars.put("household2", household2);
        vars.put("householdToErase", Fixtures.household(community, grid));
        vars.put("pairing", pairing);
        vars.put("pairingToEnd", pairingToEnd);
        vars.put("activity", activity);
        vars.put("wish", wish(household));
        vars.put("wishToCancel", wish(household));
        vars.put("newPhone", Fixtures.phone());
        vars.put("today", Fixtures.today().toString());
        vars.put("startsAt", Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString());
        vars.put("endsAt", Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS)
                .plus(2, ChronoUnit.HOURS).toString());

        authorization.put("NONE", null);
        authorization.put("EXPIRED", bearer(TestStack.expiredToken("CITY_ADMIN")));
        authorization.put("FOREIGN_KEY", bearer(foreignToken()));
        authorization.put("VOLUNTEER_OWN", bearer(Fixtures.volunteerToken(volunteer)));
        authorization.put("VOLUNTEER_OTHER", bearer(Fixtures.volunteerToken(farVolunteer)));
        authorization.put("GRID_WORKER_IN", bearer(Fixtures.gridWorker(grid)));
        authorization.put("GRID_WORKER_OUT", bearer(Fixtures.gridWorker(otherGrid)));
        authorization.put("COMMUNITY_ADMIN_IN", bearer(Fixtures.communityAdmin(community)));
        authorization.put("COMMUNITY_ADMIN_OUT", bearer(Fixtures.communityAdmin(otherCommunity)));
        authorization.put("COUNTY_ADMIN_IN", bearer(Fixtures.countyAdmin(COUNTY)));
        authorization.put("COUNTY_ADMIN_OUT", bearer(Fixtures.countyAdmin(OTHER_COUNTY)));
        authorization.put("CITY_ADMIN", bearer(cityAdmin()));
        authorization.put("AUDITOR", bearer(TestStack.token("AUDITOR")));
        authorization.put("COLLECTOR", bearer(TestStack.token("COLLECTOR")));
        authorization.put("FINANCE", bearer(TestStack.token("FINANCE")));
    }

    AuthorizationMatrix matrix() {
        AuthorizationMatrix m = AuthorizationMatrix.load("authz-matrix.tsv");
        vars.forEach(m::var);
        return m;
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    private static String wish(String household) {
        return as(cityAdmin()).body(Map.of("title", "矩阵心愿", "description", "一袋米"))
                .post("/api/v1/households/" + household + "/wishes").then().statusCode(201).extract().path("id");
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A well-formed CITY_ADMIN token signed with a key the service does not trust. */
    private static String foreignToken() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new Tokens(g.generateKeyPair().getPrivate()).mint("CITY_ADMIN", Map.of());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
