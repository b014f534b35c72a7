package org.yimeng.volunteer.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.yimeng.volunteer.Fixtures.as;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Erasing a household's personal details on request keeps every count, report and pairing as it was. */
@QuarkusTest
class ErasureTest {

    @Test
    void erasesPersonalDetailsAndKeepsCoverageProgressAndPairings() throws Exception {
        String county = "371328";
        String community = Fixtures.community(county);
        String grid = Fixtures.grid(community);
        String phone = Fixtures.phone();
        String idNumber = Fixtures.idNumber();
        String headName = Fixtures.unique("户主");
        String household = as(Fixtures.cityAdmin()).body(Map.of("communityId", community, "gridId", grid,
                "headName", headName, "headIdNumber", idNumber, "phone", phone, "address", "沂蒙路9号",
                "memberCount", 2, "categories", List.of("ELDERLY_ALONE"))).post("/api/v1/households").then()
                .statusCode(201).extract().path("id");
        as(Fixtures.cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "张三", "needs",
                List.of(Map.of("type", "MEDICAL", "detail", "糖尿病，每周取药")))).post("/api/v1/households/" + household
                + "/surveys").then().statusCode(201);
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, grid);
        String pairing = Fixtures.pairing(household, a, b);
        as(Fixtures.cityAdmin()).body(Map.of("visitedOn", Fixtures.today().toString(), "minutes", 30, "volunteerIds",
                List.of(a), "notes", "老人腿疼")).post("/api/v1/pairings/" + pairing + "/visits").then().statusCode(201);

        String coverageBefore = as(Fixtures.cityAdmin()).queryParam("communityId", community).get("/api/v1/coverage")
                .asString();
        String progressBefore = progressRow(county);
        String volunteerBefore = as(Fixtures.cityAdmin()).get("/api/v1/volunteers/" + a).path("totalMinutes").toString();

        as(Fixtures.communityAdmin(community)).post("/api/v1/households/" + household + "/erase").then().statusCode(403);
        as(Fixtures.countyAdmin("371302")).post("/api/v1/households/" + household + "/erase").then().statusCode(403);
        as(Fixtures.countyAdmin(county)).post("/api/v1/households/" + household + "/erase").then().statusCode(200)
                .body("headName", org.hamcrest.Matchers.is("已删除"))
                .body("headIdNumber", org.hamcrest.Matchers.nullValue())
                .body("phone", org.hamcrest.Matchers.nullValue())
                .body("activePairingId", org.hamcrest.Matchers.is(pairing))
                .body("archive.complete", org.hamcrest.Matchers.is(true));

        assertEquals(coverageBefore, as(Fixtures.cityAdmin()).queryParam("communityId", community)
                .get("/api/v1/coverage").asString());
        assertEquals(progressBefore, progressRow(county));
        assertEquals(volunteerBefore, as(Fixtures.cityAdmin()).get("/api/v1/volunteers/" + a).path("totalMinutes")
                .toString());
        as(Fixtures.cityAdmin()).get("/api/v1/pairings/" + pairing).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("ACTIVE"));

        try (var c = TestStack.superuser(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT h::text, (SELECT string_agg(n.detail, '') FROM survey s JOIN survey_need n ON n.survey_id = s.id "
                        + "WHERE s.household_id = h.id), (SELECT string_agg(coalesce(v.notes, ''), '') FROM visit v "
                        + "WHERE v.pairing_id = '" + pairing + "') FROM household h WHERE h.id = '" + household + "'")) {
            rs.next();
            String row = rs.getString(1) + rs.getString(2) + rs.getString(3);
            for (String value : List.of(phone, idNumber, headName, "沂蒙路9号", "糖尿病", "腿疼")) {
                assertFalse(row.contains(value), "still stored: " + value);
            }
        }
        as(TestStack.token("AUDITOR")).queryParam("entityId", household).get("/api/v1/audit-events").then()
                .body("items.action", org.hamcrest.Matchers.hasItem("ERASE"));
        // the same person may be recorded again: the erased row no longer holds the ID number
        as(Fixtures.cityAdmin()).body(Map.of("communityId", community, "headName", headName, "headIdNumber", idNumber,
                "address", "沂蒙路9号", "memberCount", 1, "categories", List.of("OTHER")))
                .post("/api/v1/households").then().statusCode(201);
    }

    private static String progressRow(String county) {
        return as(Fixtures.cityAdmin()).queryParam("countyCode", county).get("/api/v1/progress")
                .path("rows[0]").toString();
    }
}
