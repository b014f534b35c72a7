package org.yimeng.volunteer.wish;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.yimeng.volunteer.Engagement.wish;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.volunteerToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Micro-wishes: one claimant whatever the concurrency, the state machine's codes, public listings without households. */
@QuarkusTest
class WishApiTest {
    private static final String COUNTY = "371324";

    @Test
    void twentySimultaneousClaimsGiveExactlyOneClaimant() throws Exception {
        String community = Fixtures.community(COUNTY);
        String w = wish(Fixtures.household(community, null));
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String v = Fixtures.volunteer(community, null);
            calls.add(() -> {
                var r = as(volunteerToken(v)).body(Map.of("volunteerId", v)).post("/api/v1/wishes/" + w + "/claim");
                return r.statusCode() == 200 ? "200" : r.statusCode() + " " + r.path("code");
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        Map<String, Integer> outcomes = new HashMap<>();
        try {
            for (Future<String> f : pool.invokeAll(calls)) {
                outcomes.merge(f.get(), 1, Integer::sum);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(Map.of("200", 1, "409 WISH_ALREADY_CLAIMED", 19), outcomes);
        assertEquals(1, Fixtures.count("wish WHERE id = '" + w + "' AND status = 'CLAIMED' AND claimant_id IS NOT NULL"));
    }

    @Test
    void wishMovesOpenClaimedFulfilledAndCreditsTheClaimant() {
        String community = Fixtures.community(COUNTY);
        String household = Fixtures.household(community, null);
        String w = wish(household);
        String v = Fixtures.volunteer(community, null);
        as(cityAdmin()).get("/api/v1/wishes/" + w).then().statusCode(200).body("status", equalTo("OPEN"))
                .body("householdId", equalTo(household)).body("estimatedCostFen", equalTo(5000));
        var fulfil = Map.of("fulfilledOn", Fixtures.today().toString(), "note", "送到了", "minutes", 45);
        as(cityAdmin()).body(fulfil).post("/api/v1/wishes/" + w + "/fulfil").then().statusCode(409)
                .body("code", equalTo("INVALID_WISH_STATE"));
        as(cityAdmin()).body(Map.of("volunteerId", v)).post("/api/v1/wishes/" + w + "/claim").then().statusCode(200)
                .body("status", equalTo("CLAIMED")).body("claimantId", equalTo(v));
        as(cityAdmin()).body(Map.of("volunteerId", Fixtures.volunteer(community, null)))
                .post("/api/v1/wishes/" + w + "/claim").then().statusCode(409).body("code", equalTo("WISH_ALREADY_CLAIMED"));
        as(cityAdmin()).body(Map.of("fulfilledOn", Fixtures.today().plusDays(1).toString(), "note", "x"))
                .post("/api/v1/wishes/" + w + "/fulfil").then().statusCode(422);
        as(cityAdmin()).body(fulfil).post("/api/v1/wishes/" + w + "/fulfil").then().statusCode(200)
                .body("status", equalTo("FULFILLED")).body("fulfilMinutes", equalTo(45));
        as(cityAdmin()).get("/api/v1/volunteers/" + v).then().body("totalMinutes", equalTo(45));
        as(cityAdmin()).get("/api/v1/volunteers/" + v + "/service-records").then()
                .body("items[0].sourceKind", equalTo("WISH")).body("items[0].sourceId", equalTo(w));
        as(cityAdmin()).body(Map.of("reason", "too late")).post("/api/v1/wishes/" + w + "/cancel").then()
                .statusCode(409).body("code", equalTo("INVALID_WISH_STATE"));
        as(cityAdmin()).body(Map.of("volunteerId", v)).post("/api/v1/wishes/" + w + "/claim").then().statusCode(409)
                .body("code", equalTo("INVALID_WISH_STATE"));
        as(cityAdmin()).get("/api/v1/households/" + household + "/wishes").then().statusCode(200)
                .body("items.id", equalTo(List.of(w))).body("nextCursor", equalTo(null));
    }

    @Test
    void cancelledWishCannotBeClaimedAndVolunteersClaimOnlyForThemselves() {
        String community = Fixtures.community(COUNTY);
        String w = wish(Fixtures.household(community, null));
        String v = Fixtures.volunteer(community, null);
        String other = Fixtures.volunteer(community, null);
        as(volunteerToken(v)).body(Map.of("volunteerId", other)).post("/api/v1/wishes/" + w + "/claim").then()
                .statusCode(403);
        as(cityAdmin()).body(Map.of("reason", "已由家属解决")).post("/api/v1/wishes/" + w + "/cancel").then()
                .statusCode(200).body("status", equalTo("CANCELLED")).body("cancelReason", equalTo("已由家属解决"));
        as(volunteerToken(v)).body(Map.of("volunteerId", v)).post("/api/v1/wishes/" + w + "/claim").then()
                .statusCode(409).body("code", equalTo("INVALID_WISH_STATE"));
        as(cityAdmin()).body(Map.of("volunteerId", v)).post("/api/v1/wishes/" + java.util.UUID.randomUUID() + "/claim")
                .then().statusCode(404);
        as(cityAdmin()).body("{\"volunteerId\": 12}").post("/api/v1/wishes/" + w + "/claim").then().statusCode(400);
        as(cityAdmin()).body(Map.of("title", "", "description", "x")).post("/api/v1/households/"
                + Fixtures.household(community, null) + "/wishes").then().statusCode(422);
    }

    @Test
    void publicListingCarriesNoHouseholdDetails() {
        String community = Fixtures.community(COUNTY);
        Map<String, Object> hh = new HashMap<>(Map.of("communityId", community, "headName", "王秀英",
                "address", Fixtures.unique("沂蒙路8号"), "memberCount", 1, "categories", List.of("ELDERLY_ALONE"),
                "phone", "13912345678", "headIdNumber", Fixtures.idNumber()));
        String household = as(cityAdmin()).body(hh).post("/api/v1/households").then().statusCode(201).extract().path("id");
        String w = wish(household);
        String closed = wish(household);
        as(cityAdmin()).body(Map.of("reason", "x")).post("/api/v1/wishes/" + closed + "/cancel").then().statusCode(200);
        String v = Fixtures.volunteer(community, null);
        var body = as(volunteerToken(v)).queryParam("communityId", community).queryParam("status", "OPEN")
                .get("/api/v1/wishes").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(w)).body("items[0].status", equalTo("OPEN"))
                .body(not(containsString(household))).body(not(containsString("王秀英")))
                .body(not(containsString("沂蒙路8号"))).body(not(containsString("1391234"))).extract();
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) body.jsonPath().getList("items").get(0);
        for (String field : List.of("householdId", "headName", "address", "phone", "gridId", "categories")) {
            assertFalse(item.containsKey(field), field);
        }
        // keyset pages never repeat
        as(cityAdmin()).queryParam("communityId", community).queryParam("limit", 1).get("/api/v1/wishes").then()
                .body("items", hasSize(1)).body("nextCursor", not(equalTo(null)));
        as(cityAdmin()).queryParam("status", "DONE").get("/api/v1/wishes").then().statusCode(422);
    }
}
