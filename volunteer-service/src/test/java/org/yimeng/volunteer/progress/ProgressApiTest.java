package org.yimeng.volunteer.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Engagement.serve;
import static org.yimeng.volunteer.Engagement.wish;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;

import io.quarkus.test.junit.QuarkusTest;

/** The progress review: exact counts per county (measured as the change this test makes) and the CSV export. */
@QuarkusTest
class ProgressApiTest {
    private static final String COUNTY = "371327";

    @Inject
    BusinessClock clock;

    private static Map<String, Object> row() {
        return as(cityAdmin()).queryParam("countyCode", COUNTY).get("/api/v1/progress").then().statusCode(200)
                .body("rows", hasSize(1)).extract().jsonPath().getMap("rows[0]");
    }

    private static long delta(Map<String, Object> before, Map<String, Object> after, String field) {
        return ((Number) after.get(field)).longValue() - ((Number) before.get(field)).longValue();
    }

    @Test
    void countsEveryColumnOfTheReviewTable() {
        // a Wednesday noon in the programme's zone: the hour served ends this week whatever day the suite runs on
        TestClocks.fix(clock, Instant.parse("2026-03-04T04:00:00Z"));
        try {
            countsEveryColumnAt(clock.now());
        } finally {
            TestClocks.reset(clock);
        }
    }

    private void countsEveryColumnAt(Instant now) {
        Map<String, Object> before = row();
        String community = Fixtures.community(COUNTY);
        as(cityAdmin()).body(Map.of("pilot", true)).put("/api/v1/communities/" + community + "/pilot").then()
                .statusCode(200);
        String grid = Fixtures.grid(community);
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, grid);
        Fixtures.volunteer(community, null);
        String complete = Fixtures.household(community, grid);
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "网格员",
                "needs", List.of(Map.of("type", "DAILY_CARE", "detail", "送餐"))))
                .post("/api/v1/households/" + complete + "/surveys").then().statusCode(201);
        Fixtures.pairing(complete, a, b);
        String surveyedOnly = Fixtures.household(community, null);
        as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "网格员", "needs", List.of()))
                .post("/api/v1/households/" + surveyedOnly + "/surveys").then().statusCode(201);

        String open = wish(complete);
        String claimed = wish(complete);
        String fulfilled = wish(complete);
        String cancelled = wish(surveyedOnly);
        as(cityAdmin()).body(Map.of("volunteerId", a)).post("/api/v1/wishes/" + claimed + "/claim").then().statusCode(200);
        as(cityAdmin()).body(Map.of("volunteerId", b)).post("/api/v1/wishes/" + fulfilled + "/claim").then().statusCode(200);
        as(cityAdmin()).body(Map.of("fulfilledOn", Fixtures.today().toString(), "note", "ok", "minutes", 20))
                .post("/api/v1/wishes/" + fulfilled + "/fulfil").then().statusCode(200);
        as(cityAdmin()).body(Map.of("reason", "x")).post("/api/v1/wishes/" + cancelled + "/cancel").then().statusCode(200);
        // a's hour of service this morning
        Instant end = now.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
        serve(community, a, end.minus(Duration.ofMinutes(65)), end);
        Map<String, Object> after = row();

        assertEquals(1, delta(before, after, "communities"));
        assertEquals(1, delta(before, after, "pilots"));
        assertEquals(2, delta(before, after, "households"));
        assertEquals(2, delta(before, after, "surveyed"));
        assertEquals(1, delta(before, after, "paired"));
        assertEquals(1, delta(before, after, "archivesComplete"));
        assertEquals(1, delta(before, after, "wishesOpen"));
        assertEquals(1, delta(before, after, "wishesClaimed"));
        assertEquals(1, delta(before, after, "wishesFulfilled"));
        assertEquals(1, delta(before, after, "wishesCancelled"));
        assertEquals(3, delta(before, after, "volunteers"));
        assertEquals(85, delta(before, after, "serviceMinutes"));
        assertEquals(1, delta(before, after, "volunteersMeetingWeeklyGoal"));
    }

    @Test
    void cityWideTableHasEveryCountyAndATotalThatAddsUp() {
        var json = as(cityAdmin()).get("/api/v1/progress").then().statusCode(200).body("rows", hasSize(14))
                .body("total.countyCode", equalTo("TOTAL")).extract().jsonPath();
        long households = json.getList("rows.households", Integer.class).stream().mapToLong(Integer::longValue).sum();
        assertEquals(households, json.getLong("total.households"));
        long minutes = json.getList("rows.serviceMinutes", Integer.class).stream().mapToLong(Integer::longValue).sum();
        assertEquals(minutes, json.getLong("total.serviceMinutes"));
    }

    @Test
    void csvGivesTheSameTableForPeopleWithABomChineseHeadersYesNoAndPercentages() {
        Fixtures.community(COUNTY); // the county has a community to list whichever test runs first
        byte[] bytes = as(cityAdmin()).accept("text/csv").queryParam("countyCode", COUNTY).get("/api/v1/progress")
                .then().statusCode(200).header("Content-Type", startsWith("text/csv")).extract().asByteArray();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 BOM");
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        assertEquals(List.of("县区代码", "县区", "村（社区）数", "试点数", "试点目标数", "试点达标", "困难家庭数"),
                header.subList(0, 7));
        assertTrue(header.stream().allMatch(h -> h.codePoints().anyMatch(c -> c > 0x2E80)), lines[0]);
        assertTrue(lines[1].startsWith(COUNTY + ",莒南县,"), lines[1]);
        assertTrue(lines[2].startsWith("TOTAL,合计,"), lines[2]);
        Map<String, Object> json = row();
        String[] cells = lines[1].split(",");
        assertEquals(String.valueOf(json.get("households")), cells[header.indexOf("困难家庭数")]);
        Object meets = json.get("pilotsMeetTarget");
        assertEquals(meets == null ? "" : Boolean.TRUE.equals(meets) ? "是" : "否", cells[header.indexOf("试点达标")]);
        String coverage = new java.math.BigDecimal(String.valueOf(json.get("coverageRatio"))).movePointRight(2)
                .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
        assertEquals(coverage, cells[header.indexOf("结对覆盖率")]);
        assertTrue(cells[header.indexOf("心愿实现率")].matches("\\d{1,3}\\.\\d{2}%"), lines[1]);
        // then, below a blank line, the county's communities through the same writer, in Chinese too
        assertEquals("", lines[3], csv);
        assertTrue(lines[4].startsWith("县区代码,村（社区）编号,村（社区）,是否试点,"), lines[4]);
        List<?> communities = as(cityAdmin()).queryParam("countyCode", COUNTY).get("/api/v1/progress").jsonPath()
                .getList("communities");
        assertEquals(5 + communities.size(), lines.length, csv);
    }

    @Test
    void readersAreCountyAdminsOfTheirCountyCityAdminsAndAuditors() {
        as(Fixtures.countyAdmin(COUNTY)).get("/api/v1/progress").then().statusCode(200).body("rows", hasSize(1))
                .body("rows[0].countyCode", equalTo(COUNTY));
        as(Fixtures.countyAdmin(COUNTY)).queryParam("countyCode", "371302").get("/api/v1/progress").then()
                .statusCode(403);
        as(Fixtures.countyAdmin(COUNTY)).accept("text/csv").queryParam("countyCode", "371302")
                .get("/api/v1/progress").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as(TestStack.token("AUDITOR")).get("/api/v1/progress").then().statusCode(200);
        as(Fixtures.gridWorker(Fixtures.grid(Fixtures.community(COUNTY)))).get("/api/v1/progress").then()
                .statusCode(403);
        as(cityAdmin()).queryParam("countyCode", "999999").get("/api/v1/progress").then().statusCode(422);
        given().get("/api/v1/progress").then().statusCode(401);
    }

    @Test
    void aCountysReviewHasARowPerCommunityThatAddsUpToTheCounty() {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        Fixtures.household(community, grid);
        Fixtures.household(community, null);
        Fixtures.volunteer(community, grid);
        var json = as(cityAdmin()).queryParam("countyCode", COUNTY).get("/api/v1/progress").then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> rows = json.getList("communities");
        assertEquals(json.getInt("rows[0].communities"), rows.size());
        for (String field : List.of("households", "surveyed", "paired", "archivesComplete", "wishesOpen", "volunteers",
                "volunteersMeetingWeeklyGoal", "serviceMinutes")) {
            long sum = rows.stream().mapToLong(r -> ((Number) r.get(field)).longValue()).sum();
            assertEquals(json.getLong("rows[0]." + field), sum, field);
        }
        Map<String, Object> mine = rows.stream().filter(r -> community.equals(r.get("communityId"))).findFirst()
                .orElseThrow();
        assertEquals(2, ((Number) mine.get("households")).intValue());
        assertEquals(1, ((Number) mine.get("volunteers")).intValue());
        assertEquals(COUNTY, mine.get("countyCode"));
        // city-wide the table stays per county
        as(cityAdmin()).get("/api/v1/progress").then().body("communities", hasSize(0));
    }

    @Test
    void aCommunityAdminReadsTheirOwnCommunitysReviewOnly() {
        String community = Fixtures.community(COUNTY);
        Fixtures.household(community, null);
        String admin = Fixtures.communityAdmin(community);
        as(admin).get("/api/v1/progress").then().statusCode(200).body("rows", hasSize(0))
                .body("communities", hasSize(1)).body("communities[0].communityId", equalTo(community))
                .body("communities[0].households", equalTo(1)).body("total.households", equalTo(1))
                .body("total.communities", equalTo(1));
        as(admin).queryParam("communityId", community).get("/api/v1/progress").then().statusCode(200)
                .body("communities[0].communityId", equalTo(community));
        String csv = as(admin).accept("text/csv").get("/api/v1/progress").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("\r\n" + COUNTY + "," + community + ","), csv);

        String other = Fixtures.community(COUNTY);
        as(admin).queryParam("communityId", other).get("/api/v1/progress").then().statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        as(admin).queryParam("countyCode", COUNTY).get("/api/v1/progress").then().statusCode(403);
        // a county admin reads any community of their county, not another county's
        as(Fixtures.countyAdmin(COUNTY)).queryParam("communityId", other).get("/api/v1/progress").then()
                .statusCode(200).body("communities[0].communityId", equalTo(other));
        as(Fixtures.countyAdmin("371302")).queryParam("communityId", other).get("/api/v1/progress").then()
                .statusCode(403);
        as(cityAdmin()).queryParam("communityId", UUID.randomUUID().toString()).get("/api/v1/progress").then()
                .statusCode(422);
        as(cityAdmin()).queryParam("communityId", other).queryParam("countyCode", "371302").get("/api/v1/progress")
                .then().statusCode(422);
    }
}
