package org.yimeng.volunteer.support;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** People's text is stored and returned as typed (full-width punctuation stays); only duplicate keys are folded. */
@QuarkusTest
class TypedTextTest {
    private static final String WISH = "心愿：一副老花镜（300度）";

    private static String typed(String s) {
        return s + "－" + Fixtures.unique("");
    }

    @Test
    void fullWidthTextComesBackAndIsStoredExactlyAsTyped() {
        String communityName = typed("沂蒙社区（东区）");
        String community = as(cityAdmin()).body(Map.of("countyCode", Fixtures.COUNTY, "name", communityName,
                "kind", "COMMUNITY")).post("/api/v1/communities").then().statusCode(201)
                .body("name", equalTo(communityName)).extract().path("id");
        as(cityAdmin()).get("/api/v1/communities/" + community).then().body("name", equalTo(communityName));
        assertEquals(communityName, stored("SELECT name FROM community WHERE id = '" + community + "'"));

        String gridName = typed("第一网格（东）");
        String grid = as(cityAdmin()).body(Map.of("name", gridName)).post("/api/v1/communities/" + community + "/grids")
                .then().statusCode(201).body("name", equalTo(gridName)).extract().path("id");
        assertEquals(gridName, stored("SELECT name FROM grid WHERE id = '" + grid + "'"));

        String address = "兰山区沂蒙路１２号（３单元）－２０１，东门";
        String head = "王·秀英（户主）";
        String household = as(cityAdmin()).body(Map.of("communityId", community, "gridId", grid, "headName", head,
                "address", address, "memberCount", 2, "categories", List.of("ELDERLY_ALONE")))
                .post("/api/v1/households").then().statusCode(201).body("address", equalTo(address))
                .body("headName", equalTo(head)).extract().path("id");
        as(cityAdmin()).get("/api/v1/households/" + household).then().body("address", equalTo(address))
                .body("headName", equalTo(head));
        assertEquals(address, stored("SELECT address FROM household WHERE id = '" + household + "'"));

        String need = "每周送餐；需要：降压药（早晚各一次）";
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "网格员（张）",
                "needs", List.of(Map.of("type", "MEDICAL", "detail", need))))
                .post("/api/v1/households/" + household + "/surveys").then().statusCode(201)
                .body("needs[0].detail", equalTo(need)).body("surveyor", equalTo("网格员（张）"));
        assertEquals(need, stored("SELECT n.detail FROM survey_need n JOIN survey s ON s.id = n.survey_id "
                + "WHERE s.household_id = '" + household + "'"));

        String name = "李明（退休教师）";
        Map<String, Object> v = new HashMap<>(Map.of("name", name, "phone", Fixtures.phone(), "communityId", community,
                "gridId", grid, "consent", true));
        String a = as(cityAdmin()).body(v).post("/api/v1/volunteers").then().statusCode(201).body("name", equalTo(name))
                .extract().path("id");
        as(cityAdmin()).get("/api/v1/volunteers/" + a).then().body("name", equalTo(name));
        assertEquals(name, stored("SELECT name FROM volunteer WHERE id = '" + a + "'"));
        String b = Fixtures.volunteer(community, grid);

        String pairing = Fixtures.pairing(household, a, b);
        String notes = "打扫卫生：厨房、卧室（约１小时）。\n下次：换灯泡！";
        String visit = as(Fixtures.gridWorker(grid)).body(Map.of("visitedOn", Fixtures.today().toString(), "minutes", 45,
                "volunteerIds", List.of(a, b), "notes", notes)).post("/api/v1/pairings/" + pairing + "/visits").then()
                .statusCode(201).body("notes", equalTo(notes)).extract().path("id");
        assertEquals(notes, stored("SELECT notes FROM visit WHERE id = '" + visit + "'"));

        String description = "说明：度数约３００度，“老人自己挑”";
        String wish = as(cityAdmin()).body(Map.of("title", WISH, "description", description, "estimatedCostFen", 5000))
                .post("/api/v1/households/" + household + "/wishes").then().statusCode(201).body("title", equalTo(WISH))
                .body("description", equalTo(description)).extract().path("id");
        as(cityAdmin()).get("/api/v1/wishes/" + wish).then().body("title", equalTo(WISH))
                .body("description", equalTo(description));
        assertEquals(WISH, stored("SELECT title FROM wish WHERE id = '" + wish + "'"));

        String title = "重阳节：敬老服务（义诊＋理发）";
        String place = "社区广场（东门）";
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String activity = as(cityAdmin()).body(Map.of("communityId", community, "kind", "REGULAR", "title", title,
                "place", place, "startsAt", start.toString(), "endsAt", start.plus(2, ChronoUnit.HOURS).toString(),
                "capacity", 10, "skills", List.of())).post("/api/v1/activities").then().statusCode(201)
                .body("title", equalTo(title)).body("place", equalTo(place)).extract().path("id");
        as(cityAdmin()).get("/api/v1/activities/" + activity).then().body("title", equalTo(title))
                .body("place", equalTo(place));
        assertEquals(title, stored("SELECT title FROM activity WHERE id = '" + activity + "'"));
    }

    @Test
    void addressesDifferingOnlyInFullOrHalfWidthPunctuationAreStillOneHousehold() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String head = Fixtures.unique("赵四");
        String first = as(cityAdmin()).body(Map.of("communityId", community, "headName", head,
                "address", "沂蒙路１２号（３单元）－２０１", "memberCount", 2, "categories", List.of("LOW_INCOME")))
                .post("/api/v1/households").then().statusCode(201).extract().path("id");
        as(cityAdmin()).body(Map.of("communityId", community, "headName", head, "address", "沂蒙路12号(3单元)-201",
                "memberCount", 2, "categories", List.of("LOW_INCOME"))).post("/api/v1/households").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_HOUSEHOLD")).body("existingId", equalTo(first));
    }

    @Test
    void communityAndGridNamesDifferingOnlyInFullWidthFormsAreDuplicates() {
        String base = Fixtures.unique("沂蒙");
        as(cityAdmin()).body(Map.of("countyCode", Fixtures.COUNTY, "name", base + "社区（东）", "kind", "COMMUNITY"))
                .post("/api/v1/communities").then().statusCode(201);
        as(cityAdmin()).body(Map.of("countyCode", Fixtures.COUNTY, "name", base + "社区(东)", "kind", "COMMUNITY"))
                .post("/api/v1/communities").then().statusCode(409).body("code", equalTo("DUPLICATE_COMMUNITY"));
        String community = Fixtures.community(Fixtures.COUNTY);
        as(cityAdmin()).body(Map.of("name", "第１网格")).post("/api/v1/communities/" + community + "/grids").then()
                .statusCode(201);
        as(cityAdmin()).body(Map.of("name", "第1网格")).post("/api/v1/communities/" + community + "/grids").then()
                .statusCode(409).body("code", equalTo("DUPLICATE_GRID"));
    }

    private static String stored(String sql) {
        try (var c = TestStack.superuser(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
