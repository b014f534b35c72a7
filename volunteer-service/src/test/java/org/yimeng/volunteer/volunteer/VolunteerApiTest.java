package org.yimeng.volunteer.volunteer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.communityAdmin;
import static org.yimeng.volunteer.Fixtures.countyAdmin;
import static org.yimeng.volunteer.Fixtures.gridWorker;
import static org.yimeng.volunteer.Fixtures.phone;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.identity.IdNumber;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class VolunteerApiTest {

    private static Map<String, Object> body(String community, String phone) {
        return new HashMap<>(Map.of("name", "李明", "phone", phone, "communityId", community, "skills",
                List.of("理发", "陪伴"), "consent", true));
    }

    @Test
    void registersAVolunteerAndMasksPhoneAndIdNumber() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String phone = phone();
        String id = "37130219850612" + "301";
        id = id + IdNumber.checkChar(id);
        Map<String, Object> b = body(community, phone);
        b.put("idNumber", id);
        b.put("gridId", grid);
        Response r = as(gridWorker(grid)).body(b).post("/api/v1/volunteers");
        r.then().statusCode(201).body("id", notNullValue()).body("name", equalTo("李明"))
                .body("phone", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)))
                .body("idNumber", equalTo("371302********" + id.substring(14)))
                .body("birthDate", equalTo("1985-06-12")).body("gender", equalTo("MALE"))
                .body("status", equalTo("ACTIVE")).body("communityId", equalTo(community)).body("gridId", equalTo(grid))
                .body("countyCode", equalTo(Fixtures.COUNTY)).body("skills", equalTo(List.of("理发", "陪伴")))
                .body("totalMinutes", equalTo(0)).body("starLevel", equalTo(0)).body("weeklyGoalMet", equalTo(false));
        Response read = as(cityAdmin()).get("/api/v1/volunteers/" + r.path("id"));
        assertEquals((String) r.path("createdAt"), read.path("createdAt"), "the create answer shows the stored instant");
        String text = r.asString() + read.asString()
                + as(cityAdmin()).queryParam("communityId", community).get("/api/v1/volunteers").asString();
        assertFalse(text.contains(phone) || text.contains(id), "no full phone or ID number anywhere: " + text);
    }

    @Test
    void refusesDuplicatePhoneOrIdNumber() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String phone = phone();
        String id = Fixtures.idNumber();
        Map<String, Object> b = body(community, phone);
        b.put("idNumber", id);
        String first = as(cityAdmin()).body(b).post("/api/v1/volunteers").then().statusCode(201).extract().path("id");
        as(cityAdmin()).body(body(community, phone)).post("/api/v1/volunteers").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("DUPLICATE_VOLUNTEER"))
                .body("existingId", equalTo(first));
        Map<String, Object> sameId = body(Fixtures.community("371311"), phone());
        sameId.put("idNumber", id.toLowerCase());
        as(cityAdmin()).body(sameId).post("/api/v1/volunteers").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_VOLUNTEER"));
        assertEquals(1, Fixtures.count("volunteer WHERE phone = '" + phone + "'"));
    }

    @Test
    void rejectsInvalidIdNumbersWithInvalidIdNumber() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String good = Fixtures.idNumber();
        String badDateBody = "37130219810230123";
        String wrongCheck = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        for (String bad : List.of(good.substring(0, 17), good + "1", badDateBody + IdNumber.checkChar(badDateBody),
                wrongCheck, "ABCDEFGHIJKLMNOPQR")) {
            Map<String, Object> b = body(community, phone());
            b.put("idNumber", bad);
            as(cityAdmin()).body(b).post("/api/v1/volunteers").then().statusCode(422)
                    .body("code", equalTo("INVALID_ID_NUMBER")).body("violations[0].field", equalTo("idNumber"));
        }
        assertEquals(0, Fixtures.count("volunteer WHERE community_id = '" + community + "'"));
    }

    @Test
    void requiresConsentAndAValidMobile() {
        String community = Fixtures.community(Fixtures.COUNTY);
        Map<String, Object> b = body(community, phone());
        b.put("consent", false);
        as(cityAdmin()).body(b).post("/api/v1/volunteers").then().statusCode(422).body("code", equalTo("CONSENT_REQUIRED"));
        b.remove("consent");
        as(cityAdmin()).body(b).post("/api/v1/volunteers").then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED")).body("violations.field", hasItem("consent"));
        for (String bad : List.of("1381234567", "23812345678", "12812345678", "138123456789", "138-1234-5678")) {
            as(cityAdmin()).body(body(community, bad)).post("/api/v1/volunteers").then().statusCode(422)
                    .body("violations.field", hasItem("phone"));
        }
        Map<String, Object> grid = body(community, phone());
        grid.put("gridId", Fixtures.grid(Fixtures.community(Fixtures.COUNTY)));
        as(cityAdmin()).body(grid).post("/api/v1/volunteers").then().statusCode(422).body("code", equalTo("UNKNOWN_GRID"));
        Map<String, Object> unknown = body(UUID.randomUUID().toString(), phone());
        as(cityAdmin()).body(unknown).post("/api/v1/volunteers").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_COMMUNITY"));
    }

    @Test
    void malformedBodiesAreNever500() {
        String community = Fixtures.community(Fixtures.COUNTY);
        for (String bad : List.of("{", "[]", "\"x\"", "{\"name\":1}", "{\"name\":\"a\",\"phone\":13812345678}",
                "{\"name\":\"a\",\"phone\":\"13812345678\",\"communityId\":\"nope\",\"consent\":true}",
                "{\"name\":\"a\",\"phone\":\"13812345678\",\"communityId\":\"" + community + "\",\"consent\":\"yes\"}",
                "{\"name\":\"a\",\"phone\":\"13812345678\",\"communityId\":\"" + community + "\",\"consent\":true,\"gender\":\"X\"}",
                "{\"name\":\"a\",\"phone\":\"13812345678\",\"communityId\":\"" + community + "\",\"consent\":true,\"birthDate\":\"1990-13-01\"}",
                "{\"name\":\"a\",\"phone\":\"13812345678\",\"communityId\":\"" + community + "\",\"consent\":true,\"skills\":\"x\"}",
                "{\"name\":\"a\",\"phone\":\"13812345678\",\"communityId\":\"" + community + "\",\"consent\":true,\"skills\":[null]}")) {
            int status = as(cityAdmin()).body(bad).post("/api/v1/volunteers").statusCode();
            assertTrue(status == 400 || status == 422, bad + " -> " + status);
        }
        assertEquals(0, Fixtures.count("volunteer WHERE community_id = '" + community + "'"));
    }

    @Test
    void scopedRolesRegisterAndSeeOnlyTheirOwn() {
        String community = Fixtures.community("371321");
        String gridA = Fixtures.grid(community);
        String gridB = Fixtures.grid(community);
        String other = Fixtures.community("371322");
        Map<String, Object> inB = body(community, phone());
        inB.put("gridId", gridB);
        as(gridWorker(gridA)).body(inB).post("/api/v1/volunteers").then().statusCode(403);
        as(gridWorker(gridA)).body(body(community, phone())).post("/api/v1/volunteers").then().statusCode(403);
        as(communityAdmin(community)).body(body(other, phone())).post("/api/v1/volunteers").then().statusCode(403);
        as(countyAdmin("371322")).body(body(community, phone())).post("/api/v1/volunteers").then().statusCode(403);

        String a = Fixtures.volunteer(community, gridA);
        String b = Fixtures.volunteer(community, gridB);
        String c = Fixtures.volunteer(other, null);
        as(gridWorker(gridA)).get("/api/v1/volunteers/" + a).then().statusCode(200);
        as(gridWorker(gridA)).get("/api/v1/volunteers/" + b).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(gridWorker(gridA)).get("/api/v1/volunteers").then().statusCode(200).body("items.id", equalTo(List.of(a)));
        as(communityAdmin(community)).get("/api/v1/volunteers").then().body("items.id", equalTo(List.of(a, b)));
        as(communityAdmin(community)).get("/api/v1/volunteers/" + c).then().statusCode(403);
        as(countyAdmin("371321")).queryParam("communityId", other).get("/api/v1/volunteers").then()
                .body("items", hasSize(0));
        // a volunteer sees their own record only
        as(Fixtures.volunteerToken(a)).get("/api/v1/volunteers/" + a).then().statusCode(200).body("id", equalTo(a));
        as(Fixtures.volunteerToken(a)).get("/api/v1/volunteers/" + b).then().statusCode(403);
        as(Fixtures.volunteerToken(a)).get("/api/v1/volunteers").then().statusCode(403);
        as(TestStack.token("FINANCE")).get("/api/v1/volunteers/" + a).then().statusCode(403);
        as(TestStack.token("GRID_WORKER")).get("/api/v1/volunteers").then().statusCode(403);
    }

    @Test
    void changesStatusGridAndSkillsAndFiltersBySkill() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String v = Fixtures.volunteer(community, null);
        as(communityAdmin(community)).body(Map.of("status", "SUSPENDED", "gridId", grid, "skills", List.of("法律咨询")))
                .patch("/api/v1/volunteers/" + v).then().statusCode(200).body("status", equalTo("SUSPENDED"))
                .body("gridId", equalTo(grid)).body("skills", equalTo(List.of("法律咨询")));
        as(cityAdmin()).queryParam("communityId", community).queryParam("skill", "法律咨询").get("/api/v1/volunteers")
                .then().body("items.id", equalTo(List.of(v)));
        as(cityAdmin()).queryParam("communityId", community).queryParam("skill", "陪伴").get("/api/v1/volunteers")
                .then().body("items", hasSize(0));
        as(cityAdmin()).queryParam("communityId", community).queryParam("status", "ACTIVE").get("/api/v1/volunteers")
                .then().body("items", hasSize(0));
        as(cityAdmin()).body(Map.of("gridId", Fixtures.grid(Fixtures.community(Fixtures.COUNTY))))
                .patch("/api/v1/volunteers/" + v).then().statusCode(422).body("code", equalTo("UNKNOWN_GRID"));
        as(cityAdmin()).body("{\"status\":\"RETIRED\"}").patch("/api/v1/volunteers/" + v).then().statusCode(400);
        as(cityAdmin()).body(Map.of("status", "ACTIVE")).patch("/api/v1/volunteers/" + UUID.randomUUID()).then()
                .statusCode(404);
        as(cityAdmin()).queryParam("gridId", "x").get("/api/v1/volunteers").then().statusCode(422);
        as(cityAdmin()).queryParam("status", "GONE").get("/api/v1/volunteers").then().statusCode(422);
    }

    @Test
    void pagesWithKeysetCursor() {
        String community = Fixtures.community(Fixtures.COUNTY);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Fixtures.volunteer(community, null));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var req = as(cityAdmin()).queryParam("communityId", community).queryParam("limit", 2);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            Response page = req.get("/api/v1/volunteers");
            page.then().statusCode(200).body("items.size()", not(equalTo(0)));
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(created, seen);
        assertEquals(5, new HashSet<>(seen).size());
        as(cityAdmin()).queryParam("cursor", "!!").get("/api/v1/volunteers").then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
        as(cityAdmin()).queryParam("limit", 0).get("/api/v1/volunteers").then().statusCode(422);
    }

    @Test
    void idempotencyKeyReplaysTheFirstRegistration() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String key = UUID.randomUUID().toString();
        Map<String, Object> b = body(community, phone());
        Response first = as(cityAdmin()).header("Idempotency-Key", key).body(b).post("/api/v1/volunteers");
        first.then().statusCode(201);
        Response again = as(cityAdmin()).header("Idempotency-Key", key).body(b).post("/api/v1/volunteers");
        again.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        b.put("name", "别人");
        as(cityAdmin()).header("Idempotency-Key", key).body(b).post("/api/v1/volunteers").then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        as(cityAdmin()).queryParam("communityId", community).get("/api/v1/volunteers").then()
                .body("items", hasSize(1)).body("items[0].idNumber", nullValue());
    }
}
