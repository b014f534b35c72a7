package org.yimeng.volunteer.place;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.communityAdmin;
import static org.yimeng.volunteer.Fixtures.countyAdmin;
import static org.yimeng.volunteer.Fixtures.gridWorker;
import static org.yimeng.volunteer.Fixtures.unique;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.model.event.CommunityChanged;
import org.yimeng.model.event.Topics;
import org.yimeng.volunteer.Fixtures;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
class PlaceApiTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void listsTheTwelveCountiesAndTwoZonesOfLinyi() {
        as(Fixtures.volunteerToken(UUID.randomUUID().toString())).get("/api/v1/counties").then().statusCode(200)
                .body("items", hasSize(14)).body("items[0].code", equalTo("371302"))
                .body("items[0].name", equalTo("兰山区"))
                .body("items.code", hasItems("371311", "371329", "GXQ", "YHXQ"))
                .body("nextCursor", nullValue());
    }

    @Test
    void createsACommunityWithOptionalCode() {
        String name = unique("九曲社区");
        String code = "3713" + String.format("%08d", (long) (Math.random() * 1e8));
        as(countyAdmin("371311")).body(Map.of("countyCode", "371311", "name", name, "kind", "VILLAGE", "code", code))
                .post("/api/v1/communities").then().statusCode(201)
                .body("id", notNullValue()).body("countyCode", equalTo("371311")).body("name", equalTo(name))
                .body("kind", equalTo("VILLAGE")).body("code", equalTo(code)).body("pilot", equalTo(false))
                .body("pilotSince", nullValue()).body("fundBalanceFen", equalTo(0));
    }

    @Test
    void refusesSameNameInCountyAndSameCode() {
        String name = unique("重名社区");
        String code = "3713" + String.format("%08d", (long) (Math.random() * 1e8));
        String id = as(cityAdmin()).body(Map.of("countyCode", "371312", "name", name, "kind", "COMMUNITY", "code", code))
                .post("/api/v1/communities").then().statusCode(201).extract().path("id");
        as(cityAdmin()).body(Map.of("countyCode", "371312", "name", " " + name + " ", "kind", "COMMUNITY"))
                .post("/api/v1/communities").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("DUPLICATE_COMMUNITY")).body("existingId", equalTo(id));
        as(cityAdmin()).body(Map.of("countyCode", "371321", "name", unique("别名"), "kind", "COMMUNITY", "code", code))
                .post("/api/v1/communities").then().statusCode(409).body("code", equalTo("DUPLICATE_COMMUNITY"));
        // the same name in another county is another community
        as(cityAdmin()).body(Map.of("countyCode", "371321", "name", name, "kind", "COMMUNITY"))
                .post("/api/v1/communities").then().statusCode(201);
    }

    @Test
    void rejectsBadCommunityRequests() {
        as(cityAdmin()).body(Map.of("countyCode", "999999", "name", unique("x"), "kind", "COMMUNITY"))
                .post("/api/v1/communities").then().statusCode(422).body("code", equalTo("UNKNOWN_COUNTY"));
        as(cityAdmin()).body(Map.of("countyCode", "371302", "name", unique("x"), "kind", "TOWN"))
                .post("/api/v1/communities").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        as(cityAdmin()).body(Map.of("countyCode", "371302", "name", unique("x"), "kind", "VILLAGE", "code", "12345"))
                .post("/api/v1/communities").then().statusCode(422).body("violations.field", hasItem("code"));
        as(cityAdmin()).body(Map.of("countyCode", "371302", "kind", "VILLAGE")).post("/api/v1/communities").then()
                .statusCode(422).body("violations.field", hasItem("name"));
        for (String bad : List.of("{", "[]", "{\"countyCode\":1,\"name\":\"x\",\"kind\":\"VILLAGE\"}", "null")) {
            int status = as(cityAdmin()).body(bad).post("/api/v1/communities").statusCode();
            assertTrue(status == 400 || status == 422, bad + " -> " + status);
        }
    }

    @Test
    void onlyTheCountysAdminOrTheCityCreatesCommunities() {
        as(countyAdmin("371311")).body(Map.of("countyCode", "371302", "name", unique("x"), "kind", "VILLAGE"))
                .post("/api/v1/communities").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        String community = Fixtures.community("371302");
        as(communityAdmin(community)).body(Map.of("countyCode", "371302", "name", unique("x"), "kind", "VILLAGE"))
                .post("/api/v1/communities").then().statusCode(403);
        as(TestStack.token("AUDITOR")).get("/api/v1/communities").then().statusCode(403);
        as(TestStack.token("COLLECTOR")).get("/api/v1/counties").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/counties").then().statusCode(401);
    }

    @Test
    void scopedRolesSeeOnlyTheirCommunities() {
        String mine = Fixtures.community("371323");
        String other = Fixtures.community("371324");
        String grid = Fixtures.grid(mine);
        as(countyAdmin("371323")).get("/api/v1/communities/" + mine).then().statusCode(200);
        as(countyAdmin("371323")).get("/api/v1/communities/" + other).then().statusCode(403);
        as(communityAdmin(mine)).get("/api/v1/communities/" + mine).then().statusCode(200);
        as(communityAdmin(mine)).get("/api/v1/communities/" + other).then().statusCode(403);
        as(gridWorker(grid)).get("/api/v1/communities/" + mine).then().statusCode(200);
        as(gridWorker(grid)).get("/api/v1/communities").then().statusCode(200).body("items.id", equalTo(List.of(mine)));
        List<String> countyList = allIds(countyAdmin("371323"), "/api/v1/communities");
        assertTrue(countyList.contains(mine) && !countyList.contains(other));
        as(countyAdmin("371323")).queryParam("countyCode", "371324").get("/api/v1/communities").then().statusCode(200)
                .body("items", hasSize(0));
        as(cityAdmin()).get("/api/v1/communities/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        as(cityAdmin()).get("/api/v1/communities/not-a-uuid").then().statusCode(404);
        as(cityAdmin()).queryParam("pilot", "maybe").get("/api/v1/communities").then().statusCode(422);
    }

    @Test
    void pilotDesignationSetsPilotSinceAndPilotStatusFollowsTheCeilingRule() {
        // YHXQ is used by this test only, so its counts are exact
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            ids.add(as(countyAdmin("YHXQ")).body(Map.of("countyCode", "YHXQ", "name", unique("新区社区"), "kind", "COMMUNITY"))
                    .post("/api/v1/communities").then().statusCode(201).extract().path("id"));
        }
        // 0.20 × 15 = 3 exactly: floating point would say 4
        as(countyAdmin("YHXQ")).get("/api/v1/counties/YHXQ/pilot-status").then().statusCode(200)
                .body("countyCode", equalTo("YHXQ")).body("communities", equalTo(15)).body("pilots", equalTo(0))
                .body("requiredPilots", equalTo(3)).body("meetsTarget", equalTo(false))
                .body("targetRatio", equalTo(0.20f)).body("state", equalTo("BELOW_TARGET"));
        for (int i = 0; i < 3; i++) {
            as(countyAdmin("YHXQ")).body(Map.of("pilot", true)).put("/api/v1/communities/" + ids.get(i) + "/pilot").then()
                    .statusCode(200).body("pilot", equalTo(true)).body("pilotSince", equalTo(Fixtures.today().toString()));
        }
        as(cityAdmin()).get("/api/v1/counties/YHXQ/pilot-status").then().statusCode(200)
                .body("pilots", equalTo(3)).body("meetsTarget", equalTo(true)).body("ratio", equalTo(0.2f))
                .body("state", equalTo("MEETS_TARGET"));
        as(cityAdmin()).body(Map.of("pilot", false)).put("/api/v1/communities/" + ids.get(0) + "/pilot").then()
                .statusCode(200).body("pilot", equalTo(false)).body("pilotSince", nullValue());
        as(cityAdmin()).queryParam("countyCode", "YHXQ").queryParam("pilot", "true").get("/api/v1/communities").then()
                .body("items", hasSize(2));
        // one more community: ceil(0.2 × 16) = 4
        as(cityAdmin()).body(Map.of("countyCode", "YHXQ", "name", unique("新区社区"), "kind", "VILLAGE"))
                .post("/api/v1/communities").then().statusCode(201);
        as(cityAdmin()).get("/api/v1/counties/YHXQ/pilot-status").then().body("requiredPilots", equalTo(4))
                .body("pilots", equalTo(2)).body("meetsTarget", equalTo(false));

        as(countyAdmin("371302")).get("/api/v1/counties/YHXQ/pilot-status").then().statusCode(403);
        as(countyAdmin("371302")).body(Map.of("pilot", true)).put("/api/v1/communities/" + ids.get(5) + "/pilot").then()
                .statusCode(403);
        as(cityAdmin()).get("/api/v1/counties/NOPE/pilot-status").then().statusCode(404);
        as(cityAdmin()).body(Map.of()).put("/api/v1/communities/" + ids.get(5) + "/pilot").then().statusCode(422);
        as(cityAdmin()).body("{\"pilot\":\"yes\"}").put("/api/v1/communities/" + ids.get(5) + "/pilot").then()
                .statusCode(400);
    }

    @Test
    void everyCommunityChangeIsPublishedAsCommunityChanged() throws Exception {
        String id = Fixtures.community("371325");
        as(cityAdmin()).body(Map.of("pilot", true)).put("/api/v1/communities/" + id + "/pilot").then().statusCode(200);
        List<CommunityChanged> events = new ArrayList<>();
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        p.put("group.id", "reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.COMMUNITIES));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events.size() < 2 && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (id.equals(r.key())) {
                        assertEquals(CommunityChanged.TYPE,
                                new String(r.headers().lastHeader(Topics.HEADER_EVENT_TYPE).value()));
                        events.add(mapper.readValue(r.value(), CommunityChanged.class));
                    }
                }
            }
        }
        assertEquals(2, events.size(), "created, then made a pilot");
        assertEquals(false, events.get(0).pilot());
        assertEquals(true, events.get(1).pilot());
        assertEquals("371325", events.get(1).countyCode());
        assertEquals("COMMUNITY", events.get(1).kind());
        assertEquals(UUID.fromString(id), events.get(1).communityId());
    }

    @Test
    void gridsBelongToACommunityAndGridWorkersSeeTheirOwn() {
        String community = Fixtures.community("371326");
        Response created = as(communityAdmin(community))
                .body(Map.of("name", "第一网格", "workerName", "王芳", "workerPhone", "13812345678"))
                .post("/api/v1/communities/" + community + "/grids");
        created.then().statusCode(201).body("communityId", equalTo(community)).body("name", equalTo("第一网格"))
                .body("workerPhone", equalTo("138****5678"));
        String first = created.path("id");
        as(cityAdmin()).body(Map.of("name", "第一网格")).post("/api/v1/communities/" + community + "/grids").then()
                .statusCode(409).body("code", equalTo("DUPLICATE_GRID"));
        String second = Fixtures.grid(community);
        as(countyAdmin("371326")).get("/api/v1/communities/" + community + "/grids").then().statusCode(200)
                .body("items.id", equalTo(List.of(first, second)));
        as(gridWorker(second)).get("/api/v1/communities/" + community + "/grids").then().statusCode(200)
                .body("items.id", equalTo(List.of(second)));
        as(gridWorker(second)).body(Map.of("name", unique("g"))).post("/api/v1/communities/" + community + "/grids")
                .then().statusCode(403);
        as(communityAdmin(Fixtures.community("371326"))).body(Map.of("name", unique("g")))
                .post("/api/v1/communities/" + community + "/grids").then().statusCode(403);
        as(cityAdmin()).body(Map.of("name", unique("g"), "workerPhone", "12345"))
                .post("/api/v1/communities/" + community + "/grids").then().statusCode(422);
        as(cityAdmin()).body(Map.of("name", unique("g"))).post("/api/v1/communities/" + UUID.randomUUID() + "/grids")
                .then().statusCode(404);
    }

    private static List<String> allIds(String token, String path) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var req = as(token).queryParam("limit", 500);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            Response page = req.get(path);
            page.then().statusCode(200);
            ids.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    @Test
    void gridsComeBackByNameThenIdAndPageWithoutRepeats() {
        String community = Fixtures.community("371312");
        for (String name : List.of("C网格", "A网格", "D网格", "B网格")) {
            as(cityAdmin()).body(Map.of("name", name)).post("/api/v1/communities/" + community + "/grids").then()
                    .statusCode(201);
        }
        as(cityAdmin()).get("/api/v1/communities/" + community + "/grids").then().statusCode(200)
                .body("items.name", org.hamcrest.Matchers.contains("A网格", "B网格", "C网格", "D网格"))
                .body("nextCursor", nullValue());
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var spec = as(cityAdmin()).queryParam("limit", 3);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            var page = spec.get("/api/v1/communities/" + community + "/grids").then().statusCode(200).extract()
                    .jsonPath();
            paged.addAll(page.getList("items.name", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of("A网格", "B网格", "C网格", "D网格"), paged);
        as(cityAdmin()).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/communities/" + community + "/grids")
                .then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
    }
}
