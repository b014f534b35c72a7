package org.yimeng.volunteer.household;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.communityAdmin;
import static org.yimeng.volunteer.Fixtures.gridWorker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class HouseholdApiTest {

    private static Map<String, Object> body(String community, String grid, String head, String address) {
        Map<String, Object> b = new HashMap<>(Map.of("communityId", community, "headName", head, "address", address,
                "memberCount", 3, "categories", List.of("ELDERLY_ALONE", "LOW_INCOME")));
        if (grid != null) {
            b.put("gridId", grid);
        }
        return b;
    }

    @Test
    void recordsAHouseholdWithMaskedDataAndItsMissingArchiveItems() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String headId = Fixtures.idNumber();
        Map<String, Object> b = body(community, null, "张大爷", "沂蒙路 8 号");
        b.put("headIdNumber", headId);
        b.put("phone", "13912345678");
        Response r = as(communityAdmin(community)).body(b).post("/api/v1/households");
        r.then().statusCode(201).body("id", notNullValue()).body("headName", equalTo("张大爷"))
                .body("headIdNumber", equalTo(headId.substring(0, 6) + "********" + headId.substring(14)))
                .body("phone", equalTo("139****5678")).body("categories", equalTo(List.of("ELDERLY_ALONE", "LOW_INCOME")))
                .body("surveyed", equalTo(false)).body("activePairingId", nullValue())
                .body("archive.complete", equalTo(false))
                .body("archive.missing", equalTo(List.of("GRID", "NEEDS_SURVEY", "PAIRING")));
        assertFalse(r.asString().contains(headId) || r.asString().contains("13912345678"));
    }

    @Test
    void refusesTheSameHeadIdNumberAnywhereInTheCity() {
        String headId = Fixtures.idNumber();
        Map<String, Object> b = body(Fixtures.community("371311"), null, "王某", "一号路1号");
        b.put("headIdNumber", headId);
        String first = as(cityAdmin()).body(b).post("/api/v1/households").then().statusCode(201).extract().path("id");
        Map<String, Object> elsewhere = body(Fixtures.community("371329"), null, "王某某", "二号路2号");
        elsewhere.put("headIdNumber", headId);
        as(cityAdmin()).body(elsewhere).post("/api/v1/households").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("DUPLICATE_HOUSEHOLD"))
                .body("existingId", equalTo(first));
    }

    @Test
    void refusesTheSameNormalisedAddressAndHeadInACommunity() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String first = as(cityAdmin()).body(body(community, null, "赵 四", "兰山区沂蒙路12号，3单元-201"))
                .post("/api/v1/households").then().statusCode(201).extract().path("id");
        as(cityAdmin()).body(body(community, null, "赵 四", "兰山区 沂蒙路１２号 3单元—201"))
                .post("/api/v1/households").then().statusCode(409).body("code", equalTo("DUPLICATE_HOUSEHOLD"))
                .body("existingId", equalTo(first));
        // another head at the address, or the same head and address in another community, is another household
        as(cityAdmin()).body(body(community, null, "赵五", "兰山区沂蒙路12号3单元201")).post("/api/v1/households").then()
                .statusCode(201);
        as(cityAdmin()).body(body(Fixtures.community(Fixtures.COUNTY), null, "赵 四", "兰山区沂蒙路12号3单元201"))
                .post("/api/v1/households").then().statusCode(201);
    }

    @Test
    void rejectsBadHouseholds() {
        String community = Fixtures.community(Fixtures.COUNTY);
        Map<String, Object> b = body(community, null, "钱某", "三号路3号");
        b.put("headIdNumber", "371302198013011234");
        as(cityAdmin()).body(b).post("/api/v1/households").then().statusCode(422).body("code", equalTo("INVALID_ID_NUMBER"))
                .body("violations[0].field", equalTo("headIdNumber"));
        Map<String, Object> zero = body(community, null, "钱某", "三号路3号");
        zero.put("memberCount", 0);
        as(cityAdmin()).body(zero).post("/api/v1/households").then().statusCode(422)
                .body("violations.field", hasItem("memberCount"));
        as(cityAdmin()).body(body(community, null, "钱某", "，。")).post("/api/v1/households").then().statusCode(422)
                .body("violations.field", hasItem("address"));
        as(cityAdmin()).body(body(community, UUID.randomUUID().toString(), "钱某", "三号路3号")).post("/api/v1/households")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_GRID"));
        for (String bad : List.of("{", "{\"communityId\":\"" + community + "\",\"headName\":\"x\",\"address\":\"y\","
                + "\"memberCount\":2.5,\"categories\":[]}",
                "{\"communityId\":\"" + community + "\",\"headName\":\"x\",\"address\":\"y\",\"memberCount\":2,"
                        + "\"categories\":[\"RICH\"]}",
                "{\"communityId\":\"" + community + "\",\"headName\":\"x\",\"address\":\"y\",\"memberCount\":2}",
                "{\"communityId\":\"" + community + "\",\"headName\":\"x\",\"address\":\"y\",\"memberCount\":2,"
                        + "\"categories\":[null]}")) {
            int status = as(cityAdmin()).body(bad).post("/api/v1/households").statusCode();
            assertTrue(status == 400 || status == 422, bad + " -> " + status);
        }
        assertEquals(0, Fixtures.count("household WHERE community_id = '" + community + "'"));
    }

    @Test
    void surveysMarkTheHouseholdSurveyedAndTheArchiveCompletesWithAPairing() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String h = Fixtures.household(community, null);
        as(gridWorker(grid)).get("/api/v1/households/" + h).then().statusCode(403);
        as(cityAdmin()).body(Map.of("gridId", grid)).patch("/api/v1/households/" + h).then().statusCode(200)
                .body("gridId", equalTo(grid)).body("archive.missing", equalTo(List.of("NEEDS_SURVEY", "PAIRING")));

        as(gridWorker(grid)).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "网格员小刘", "needs",
                List.of())).post("/api/v1/households/" + h + "/surveys").then().statusCode(201).body("needs", hasSize(0));
        as(gridWorker(grid)).get("/api/v1/households/" + h).then().body("surveyed", equalTo(true))
                .body("archive.missing", equalTo(List.of("NEEDS_SURVEY", "PAIRING")));
        as(gridWorker(grid)).body(Map.of("surveyedOn", Fixtures.today().minusDays(3).toString(), "surveyor", "网格员小刘",
                "needs", List.of(Map.of("type", "DAILY_CARE", "detail", "每周送餐"), Map.of("type", "MEDICAL", "detail", "陪同就医"))))
                .post("/api/v1/households/" + h + "/surveys").then().statusCode(201)
                .body("needs[1].type", equalTo("MEDICAL")).body("householdId", equalTo(h));
        as(gridWorker(grid)).get("/api/v1/households/" + h + "/surveys").then().body("items", hasSize(2)).body("nextCursor", equalTo(null));
        as(gridWorker(grid)).get("/api/v1/households/" + h).then().body("surveyCount", equalTo(2))
                .body("lastSurveyedOn", equalTo(Fixtures.today().toString()))
                .body("archive.missing", equalTo(List.of("PAIRING")));

        String p = Fixtures.pairing(h, Fixtures.volunteer(community, null), Fixtures.volunteer(community, null));
        as(gridWorker(grid)).get("/api/v1/households/" + h).then().body("activePairingId", equalTo(p))
                .body("archive.complete", equalTo(true)).body("archive.missing", hasSize(0));
    }

    @Test
    void rejectsBadSurveys() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String h = Fixtures.household(community, null);
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().plusDays(2).toString(), "surveyor", "x", "needs", List.of()))
                .post("/api/v1/households/" + h + "/surveys").then().statusCode(422)
                .body("violations.field", hasItem("surveyedOn"));
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "x",
                "needs", List.of(Map.of("type", "MONEY", "detail", "x")))).post("/api/v1/households/" + h + "/surveys")
                .then().statusCode(400);
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "x",
                "needs", List.of(Map.of("type", "LEGAL")))).post("/api/v1/households/" + h + "/surveys")
                .then().statusCode(422);
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "x", "needs", List.of()))
                .post("/api/v1/households/" + UUID.randomUUID() + "/surveys").then().statusCode(404);
        assertEquals(0, Fixtures.count("survey WHERE household_id = '" + h + "'"));
    }

    @Test
    void listsFilterByGridPairedAndSurveyedWithinScope() {
        String community = Fixtures.community("371327");
        String grid = Fixtures.grid(community);
        String other = Fixtures.grid(community);
        String paired = Fixtures.household(community, grid);
        String surveyed = Fixtures.household(community, grid);
        String elsewhere = Fixtures.household(community, other);
        Fixtures.pairing(paired, Fixtures.volunteer(community, null), Fixtures.volunteer(community, null));
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "x", "needs", List.of()))
                .post("/api/v1/households/" + surveyed + "/surveys").then().statusCode(201);

        as(gridWorker(grid)).get("/api/v1/households").then().body("items.id", equalTo(List.of(paired, surveyed)));
        as(gridWorker(grid)).queryParam("paired", "true").get("/api/v1/households").then()
                .body("items.id", equalTo(List.of(paired)));
        as(gridWorker(grid)).queryParam("paired", "false").get("/api/v1/households").then()
                .body("items.id", equalTo(List.of(surveyed)));
        as(gridWorker(grid)).queryParam("surveyed", "true").get("/api/v1/households").then()
                .body("items.id", equalTo(List.of(surveyed)));
        as(communityAdmin(community)).queryParam("gridId", other).get("/api/v1/households").then()
                .body("items.id", equalTo(List.of(elsewhere)));
        as(gridWorker(grid)).get("/api/v1/households/" + elsewhere).then().statusCode(403);
        as(gridWorker(grid)).body(Map.of("gridId", other)).patch("/api/v1/households/" + paired).then().statusCode(403);
        as(Fixtures.countyAdmin("371328")).get("/api/v1/households/" + paired).then().statusCode(403);
        as(cityAdmin()).queryParam("paired", "yes").get("/api/v1/households").then().statusCode(422);
    }
}
