package org.yimeng.volunteer.pairing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.gridWorker;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class PairingApiTest {

    private static Response pair(String token, String household, List<String> volunteers) {
        return as(token).body(Map.of("householdId", household, "volunteerIds", volunteers)).post("/api/v1/pairings");
    }

    @Test
    void pairsAHouseholdWithTwoVolunteersOfItsCommunity() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String h = Fixtures.household(community, grid);
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, null);
        Response r = pair(gridWorker(grid), h, List.of(a, b));
        r.then().statusCode(201).body("id", notNullValue()).body("householdId", equalTo(h))
                .body("communityId", equalTo(community)).body("gridId", equalTo(grid)).body("status", equalTo("ACTIVE"))
                .body("volunteerIds", equalTo(List.of(a, b))).body("members", hasSize(2)).body("endedAt", nullValue());
        String id = r.path("id");
        as(gridWorker(grid)).get("/api/v1/pairings/" + id).then().statusCode(200).body("id", equalTo(id));
        as(cityAdmin()).get("/api/v1/volunteers/" + a).then().body("activePairings", equalTo(1));
        as(gridWorker(grid)).queryParam("volunteerId", b).get("/api/v1/pairings").then().body("items.id", equalTo(List.of(id)));
        as(cityAdmin()).queryParam("gridId", grid).queryParam("status", "ACTIVE").get("/api/v1/pairings").then()
                .body("items.id", equalTo(List.of(id)));
        as(cityAdmin()).queryParam("communityId", community).queryParam("status", "ENDED").get("/api/v1/pairings").then()
                .body("items", hasSize(0));
    }

    @Test
    void answersEveryPairingRuleWithItsCode() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String h = Fixtures.household(community, grid);
        String a = Fixtures.volunteer(community, null);
        String b = Fixtures.volunteer(community, null);
        String token = cityAdmin();

        pair(token, h, List.of(a)).then().statusCode(422).body("code", equalTo("PAIRING_NEEDS_TWO_VOLUNTEERS"));
        pair(token, h, List.of(a, a)).then().statusCode(422).body("code", equalTo("PAIRING_NEEDS_TWO_VOLUNTEERS"));
        pair(token, h, List.of(a, b, Fixtures.volunteer(community, null))).then().statusCode(422)
                .body("code", equalTo("PAIRING_NEEDS_TWO_VOLUNTEERS"));
        pair(token, h, List.of()).then().statusCode(422).body("code", equalTo("PAIRING_NEEDS_TWO_VOLUNTEERS"));

        String suspended = Fixtures.volunteer(community, null);
        as(token).body(Map.of("status", "SUSPENDED")).patch("/api/v1/volunteers/" + suspended).then().statusCode(200);
        pair(token, h, List.of(a, suspended)).then().statusCode(422).body("code", equalTo("VOLUNTEER_NOT_ACTIVE"))
                .body("volunteerId", equalTo(suspended));

        String outsider = Fixtures.volunteer(Fixtures.community(Fixtures.COUNTY), null);
        pair(token, h, List.of(a, outsider)).then().statusCode(422).body("code", equalTo("VOLUNTEER_OUTSIDE_COMMUNITY"));

        String noGrid = Fixtures.household(community, null);
        pair(token, noGrid, List.of(a, b)).then().statusCode(422).body("code", equalTo("HOUSEHOLD_HAS_NO_GRID"));

        pair(token, h, List.of(a, UUID.randomUUID().toString())).then().statusCode(422)
                .body("violations.field", hasItem("volunteerIds"));
        pair(token, UUID.randomUUID().toString(), List.of(a, b)).then().statusCode(422)
                .body("violations.field", hasItem("householdId"));

        String first = pair(token, h, List.of(a, b)).then().statusCode(201).extract().path("id");
        pair(token, h, List.of(a, Fixtures.volunteer(community, null))).then().statusCode(409)
                .body("code", equalTo("HOUSEHOLD_ALREADY_PAIRED")).body("activePairingId", equalTo(first));
        assertEquals(1, Fixtures.count("pairing WHERE household_id = '" + h + "'"));

        for (String bad : List.of("{", "{\"householdId\":\"" + h + "\",\"volunteerIds\":\"" + a + "\"}",
                "{\"householdId\":\"" + h + "\",\"volunteerIds\":[1,2]}", "{\"volunteerIds\":[]}",
                "{\"householdId\":\"" + h + "\",\"volunteerIds\":[null,null]}", "{\"householdId\":\"" + h + "\"}")) {
            int status = as(token).body(bad).post("/api/v1/pairings").statusCode();
            assertTrue(status == 400 || status == 422, bad + " -> " + status);
        }
    }

    @Test
    void aVolunteerServesAtMostThreeActivePairings() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String busy = Fixtures.volunteer(community, null);
        String last = null;
        for (int i = 0; i < 3; i++) {
            last = Fixtures.pairing(Fixtures.household(community, grid), busy, Fixtures.volunteer(community, null));
        }
        String h = Fixtures.household(community, grid);
        pair(cityAdmin(), h, List.of(Fixtures.volunteer(community, null), busy)).then().statusCode(409)
                .body("code", equalTo("VOLUNTEER_AT_CAPACITY")).body("volunteerId", equalTo(busy));
        // ending one frees a place
        as(cityAdmin()).body(Map.of("reason", "搬离本社区")).post("/api/v1/pairings/" + last + "/end").then().statusCode(200);
        pair(cityAdmin(), h, List.of(Fixtures.volunteer(community, null), busy)).then().statusCode(201);
    }

    @Test
    void endingKeepsThePairingAndAllowsANewOne() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String h = Fixtures.household(community, grid);
        String a = Fixtures.volunteer(community, null);
        String b = Fixtures.volunteer(community, null);
        String p = Fixtures.pairing(h, a, b);
        as(gridWorker(grid)).body(Map.of("reason", "户主入住养老院")).post("/api/v1/pairings/" + p + "/end").then()
                .statusCode(200).body("status", equalTo("ENDED")).body("endReason", equalTo("户主入住养老院"))
                .body("endedAt", notNullValue()).body("volunteerIds", equalTo(List.of(a, b)))
                .body("members.leftReason", equalTo(List.of("PAIRING_ENDED", "PAIRING_ENDED")));
        as(cityAdmin()).body(Map.of("reason", "again")).post("/api/v1/pairings/" + p + "/end").then().statusCode(409)
                .body("code", equalTo("PAIRING_NOT_ACTIVE"));
        as(cityAdmin()).body(Map.of("reason", " ")).post("/api/v1/pairings/" + p + "/end").then().statusCode(422);
        as(cityAdmin()).get("/api/v1/households/" + h).then().body("activePairingId", nullValue());
        String again = Fixtures.pairing(h, a, b);
        as(cityAdmin()).queryParam("householdId", h).get("/api/v1/pairings").then().body("items.id", equalTo(List.of(p, again)));
        as(cityAdmin()).body(Map.of("reason", "x")).post("/api/v1/pairings/" + UUID.randomUUID() + "/end").then()
                .statusCode(404);
    }

    @Test
    void replacingAVolunteerKeepsTheHistoryAndFollowsThePairingRules() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String h = Fixtures.household(community, grid);
        String a = Fixtures.volunteer(community, null);
        String b = Fixtures.volunteer(community, null);
        String c = Fixtures.volunteer(community, null);
        String p = Fixtures.pairing(h, a, b);
        as(gridWorker(grid)).body(Map.of("outVolunteerId", a, "inVolunteerId", c)).post("/api/v1/pairings/" + p + "/replace")
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("volunteerIds", equalTo(List.of(c, b)))
                .body("members.volunteerId", equalTo(List.of(a, b, c)))
                .body("members[0].leftReason", equalTo("REPLACED")).body("members[0].leftAt", notNullValue());
        String path = "/api/v1/pairings/" + p + "/replace";
        as(cityAdmin()).body(Map.of("outVolunteerId", a, "inVolunteerId", Fixtures.volunteer(community, null))).post(path)
                .then().statusCode(422).body("violations.field", hasItem("outVolunteerId"));
        as(cityAdmin()).body(Map.of("outVolunteerId", b, "inVolunteerId", c)).post(path).then().statusCode(422)
                .body("code", equalTo("PAIRING_NEEDS_TWO_VOLUNTEERS"));
        as(cityAdmin()).body(Map.of("outVolunteerId", b, "inVolunteerId", Fixtures.volunteer(Fixtures.community(Fixtures.COUNTY), null)))
                .post(path).then().statusCode(422).body("code", equalTo("VOLUNTEER_OUTSIDE_COMMUNITY"));
        String busy = Fixtures.volunteer(community, null);
        for (int i = 0; i < 3; i++) {
            Fixtures.pairing(Fixtures.household(community, grid), busy, Fixtures.volunteer(community, null));
        }
        as(cityAdmin()).body(Map.of("outVolunteerId", b, "inVolunteerId", busy)).post(path).then().statusCode(409)
                .body("code", equalTo("VOLUNTEER_AT_CAPACITY"));
        as(cityAdmin()).get("/api/v1/volunteers/" + a).then().body("activePairings", equalTo(0));
        as(cityAdmin()).body(Map.of("reason", "完成")).post("/api/v1/pairings/" + p + "/end").then().statusCode(200);
        as(cityAdmin()).body(Map.of("outVolunteerId", b, "inVolunteerId", a)).post(path).then().statusCode(409)
                .body("code", equalTo("PAIRING_NOT_ACTIVE"));
    }

    @Test
    void visitsBecomeConfirmedServiceRecordsOfTheVolunteers() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String h = Fixtures.household(community, grid);
        String a = Fixtures.volunteer(community, null);
        String b = Fixtures.volunteer(community, null);
        String p = Fixtures.pairing(h, a, b);
        String today = Fixtures.today().toString();
        Response r = as(gridWorker(grid)).body(Map.of("visitedOn", today, "minutes", 45, "volunteerIds", List.of(a, b),
                "notes", "打扫卫生")).post("/api/v1/pairings/" + p + "/visits");
        r.then().statusCode(201).body("pairingId", equalTo(p)).body("householdId", equalTo(h)).body("minutes", equalTo(45))
                .body("volunteerIds", equalTo(List.of(a, b))).body("serviceRecordIds", hasSize(2));
        assertEquals(2, Fixtures.count("service_record WHERE source_kind = 'VISIT' AND source_id = '" + r.path("id")
                + "' AND minutes = 45 AND confirmed_by IS NOT NULL AND service_date = '" + today + "'"));
        as(gridWorker(grid)).body(Map.of("visitedOn", today, "minutes", 30, "volunteerIds", List.of(a)))
                .post("/api/v1/pairings/" + p + "/visits").then().statusCode(201);
        as(cityAdmin()).get("/api/v1/volunteers/" + a).then().body("totalMinutes", equalTo(75))
                .body("weekMinutes", equalTo(75)).body("weeklyGoalMet", equalTo(true)).body("starLevel", equalTo(0));
        as(cityAdmin()).get("/api/v1/volunteers/" + b).then().body("totalMinutes", equalTo(45))
                .body("weeklyGoalMet", equalTo(false));
        as(cityAdmin()).get("/api/v1/pairings/" + p + "/visits").then().body("items", hasSize(2)).body("nextCursor", equalTo(null));

        String path = "/api/v1/pairings/" + p + "/visits";
        as(cityAdmin()).body(Map.of("visitedOn", today, "minutes", 30, "volunteerIds", List.of(Fixtures.volunteer(community, null))))
                .post(path).then().statusCode(422).body("violations.field", hasItem("volunteerIds"));
        as(cityAdmin()).body(Map.of("visitedOn", today, "minutes", 0, "volunteerIds", List.of(a))).post(path).then()
                .statusCode(422).body("violations.field", hasItem("minutes"));
        as(cityAdmin()).body(Map.of("visitedOn", today, "minutes", 721, "volunteerIds", List.of(a))).post(path).then()
                .statusCode(422);
        as(cityAdmin()).body(Map.of("visitedOn", Fixtures.today().plusDays(1).toString(), "minutes", 30, "volunteerIds",
                List.of(a))).post(path).then().statusCode(422).body("violations.field", hasItem("visitedOn"));
        as(cityAdmin()).body(Map.of("visitedOn", today, "minutes", 30, "volunteerIds", List.of(a, a))).post(path).then()
                .statusCode(422);
        as(cityAdmin()).body("{\"visitedOn\":\"yesterday\",\"minutes\":30,\"volunteerIds\":[]}").post(path).then()
                .statusCode(400);
        as(cityAdmin()).body(Map.of("reason", "x")).post("/api/v1/pairings/" + p + "/end").then().statusCode(200);
        as(cityAdmin()).body(Map.of("visitedOn", today, "minutes", 30, "volunteerIds", List.of(a))).post(path).then()
                .statusCode(409).body("code", equalTo("PAIRING_NOT_ACTIVE"));
    }

    @Test
    void visitsOlderThanTenWorkingDaysAreRefused() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String h = Fixtures.household(community, grid);
        String a = Fixtures.volunteer(community, null);
        String p = Fixtures.pairing(h, a, Fixtures.volunteer(community, null));
        // let the pairing have begun a month ago, so that only the recording window can refuse
        Fixtures.sql("UPDATE pairing SET created_at = now() - interval '40 days' WHERE id = '" + p + "'");
        LocalDate old = Fixtures.today().minusDays(20);
        while (old.getDayOfWeek() == DayOfWeek.SATURDAY || old.getDayOfWeek() == DayOfWeek.SUNDAY) {
            old = old.minusDays(1);
        }
        as(cityAdmin()).body(Map.of("visitedOn", old.toString(), "minutes", 30, "volunteerIds", List.of(a)))
                .post("/api/v1/pairings/" + p + "/visits").then().statusCode(422)
                .body("code", equalTo("RECORDING_WINDOW_CLOSED"));
        as(cityAdmin()).body(Map.of("visitedOn", Fixtures.today().minusDays(1).toString(), "minutes", 30, "volunteerIds",
                List.of(a))).post("/api/v1/pairings/" + p + "/visits").then().statusCode(201);
    }

    @Test
    void pairingsOutsideTheScopeAreForbidden() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String otherGrid = Fixtures.grid(community);
        String h = Fixtures.household(community, grid);
        String a = Fixtures.volunteer(community, null);
        String b = Fixtures.volunteer(community, null);
        pair(gridWorker(otherGrid), h, List.of(a, b)).then().statusCode(403);
        pair(Fixtures.countyAdmin("371311"), h, List.of(a, b)).then().statusCode(403);
        pair(Fixtures.volunteerToken(a), h, List.of(a, b)).then().statusCode(403);
        String p = pair(Fixtures.communityAdmin(community), h, List.of(a, b)).then().statusCode(201).extract().path("id");
        as(gridWorker(otherGrid)).get("/api/v1/pairings/" + p).then().statusCode(403);
        as(gridWorker(otherGrid)).get("/api/v1/pairings").then().body("items", hasSize(0));
        as(gridWorker(otherGrid)).body(Map.of("reason", "x")).post("/api/v1/pairings/" + p + "/end").then().statusCode(403);
        as(gridWorker(otherGrid)).body(Map.of("visitedOn", Fixtures.today().toString(), "minutes", 30, "volunteerIds",
                List.of(a))).post("/api/v1/pairings/" + p + "/visits").then().statusCode(403);
        as(gridWorker(grid)).get("/api/v1/pairings").then().body("items.id", equalTo(List.of(p)));
    }
}
