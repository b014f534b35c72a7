package org.yimeng.volunteer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Engagement.at;
import static org.yimeng.volunteer.Engagement.serve;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.local.testing.Http;
import org.yimeng.local.testing.OpenApiContract;

import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * The served OpenAPI document and the live answers cannot drift: every GET operation the document lists is called
 * on seeded data (lists non-empty, fields that may be null null in some answer) and each JSON body, and the problem
 * bodies of a 401, 404 and 422, are validated against the operation's declared response schema (JSON Schema 2020-12,
 * {@link OpenApiContract}). A GET without a sample here fails by name: add its sample to {@link #samples}.
 */
@QuarkusTest
class OpenApiContractTest {
    private static final String COUNTY = "371329";

    /** A request that gets a real, non-empty 200 from the operation: path with query, and the token to send. */
    private record Sample(String path, String token) {
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void everyGetOperationAnswersWhatTheDocumentDeclares() {
        Map<String, Sample> samples = samples();
        OpenApiContract contract = OpenApiContract.fetch(base());
        List<String> served = contract.operations("GET", "/api/", "/public/");
        List<String> unsampled = served.stream().filter(op -> !samples.containsKey(op)).toList();
        assertTrue(unsampled.isEmpty(), "GET operations without a sample in OpenApiContractTest.samples() "
                + "(add one that answers 200 with data): " + unsampled);
        List<String> stale = samples.keySet().stream().filter(op -> !served.contains(op)).toList();
        assertTrue(stale.isEmpty(), "samples of operations the document no longer lists: " + stale);

        Http http = new Http(base());
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Sample> s : samples.entrySet()) {
            Http.Answer a = http.send("GET", s.getValue().path(), "Bearer " + s.getValue().token(), null);
            if (a.status() != 200) {
                errors.add(s.getKey() + ": sample " + s.getValue().path() + " answered " + a.status() + " " + a.body());
                continue;
            }
            if (a.body().startsWith("{\"items\":[]") || a.body().equals("[]")) {
                errors.add(s.getKey() + ": sample " + s.getValue().path() + " answered an empty list");
            }
            errors.addAll(contract.validate(s.getKey(), a));
        }
        // problem bodies: no token, an unknown id, a limit out of bounds
        errors.addAll(contract.validate("GET /api/v1/volunteers", http.send("GET", "/api/v1/volunteers", null, null)));
        errors.addAll(contract.validate("GET /api/v1/households/{id}", http.send("GET",
                "/api/v1/households/00000000-0000-7000-8000-000000000000", "Bearer " + cityAdmin(), null)));
        errors.addAll(contract.validate("GET /api/v1/volunteers", http.send("GET", "/api/v1/volunteers?limit=0",
                "Bearer " + cityAdmin(), null)));
        assertTrue(errors.isEmpty(), errors.size() + " answers differ from the document:\n"
                + String.join("\n", errors.subList(0, Math.min(errors.size(), 200))));
    }

    @Test
    void documentKeepsItsConventions() {
        List<String> problems = OpenApiContract.fetch(base()).lint();
        assertTrue(problems.isEmpty(), problems.size() + " breaches:\n" + String.join("\n", problems));
    }

    @Test
    void publishedPhonePatternsRefuseANumberInsideOtherText() {
        OpenApiContract contract = OpenApiContract.fetch(base());
        Map<String, String> phones = new LinkedHashMap<>();
        contract.patterns().forEach((where, p) -> {
            if (where.toLowerCase().endsWith("phone")) {
                phones.put(where, p);
            }
        });
        assertFalse(phones.isEmpty(), "no phone pattern published");
        for (String where : phones.keySet()) {
            assertEquals(List.of(), contract.validateValue(where, new TextNode("13812345678")), where);
            assertFalse(contract.validateValue(where, new TextNode("abc13812345678xyz")).isEmpty(),
                    where + " accepts abc13812345678xyz: " + phones.get(where));
            assertFalse(contract.validateValue(where, new TextNode("138123456789")).isEmpty(), where);
        }
    }

    private static Map<String, Sample> samples() {
        String admin = cityAdmin();
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        String volunteer = Fixtures.volunteer(community, grid);
        String volunteer2 = Fixtures.volunteer(community, grid);
        Fixtures.volunteer(community, null); // no grid: gridId null
        String household = Fixtures.household(community, grid);
        Fixtures.household(community, null);
        String pairing = Fixtures.pairing(household, volunteer, volunteer2);
        as(admin).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "网格员小刘", "needs",
                List.of(Map.of("type", "DAILY_CARE", "detail", "每周送餐")))).post("/api/v1/households/" + household + "/surveys")
                .then().statusCode(201);
        as(admin).body(Map.of("visitedOn", Fixtures.today().toString(), "minutes", 30, "volunteerIds", List.of(volunteer)))
                .post("/api/v1/pairings/" + pairing + "/visits").then().statusCode(201);
        String wish = Engagement.wish(household);
        LocalDate day = Fixtures.today().minusDays(1);
        serve(community, volunteer, at(day, 9, 0), at(day, 10, 30));
        String past = Engagement.activity(community, "REGULAR", at(day, 14, 0), at(day, 15, 0), 5);
        Engagement.signUp(past, volunteer).then().statusCode(201);
        LocalDate later = Fixtures.today().plusDays(5);
        String callOut = as(admin).body(Engagement.activityBody(community, "EMERGENCY", at(later, 9, 0), at(later, 11, 0), 5,
                List.of("陪伴"))).post("/api/v1/activities").then().statusCode(201).extract().path("id");
        String code = as(admin).get("/api/v1/volunteers/" + volunteer + "/certificate").then().statusCode(200).extract()
                .path("verificationCode");
        String csv = "\uFEFF序号,社区,网格,户主姓名,户主身份证号,联系电话,家庭住址,家庭人口,困难类别\n"
                + "1,,,契约户,123,13812345678,沂蒙路1号,2,独居老人\n";
        String job = RestAssured.given().config(RestAssuredConfig.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(admin).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("kind", "households").queryParam("mode", "dry-run").queryParam("communityId", community)
                .post("/api/v1/imports").then().statusCode(202).extract().path("id");
        awaitImport(admin, job);

        // the resident's own door: an appeal for a forgotten check-in at yesterday's activity
        String me = Fixtures.volunteerToken(volunteer);
        as(me).body(Map.of("activityId", past, "checkedInAt", at(day, 14, 0).toString(),
                "checkedOutAt", at(day, 15, 0).toString(), "reason", "忘记签到签退")).post("/api/v1/me/attendance-appeals")
                .then().statusCode(201);

        Map<String, Sample> s = new HashMap<>();
        s.put("GET /api/v1/me", new Sample("/api/v1/me", me));
        s.put("GET /api/v1/me/activities", new Sample("/api/v1/me/activities", me));
        s.put("GET /api/v1/me/certificate", new Sample("/api/v1/me/certificate", me));
        s.put("GET /api/v1/me/wishes", new Sample("/api/v1/me/wishes", me));
        as(admin).body(Map.of("waveSize", 2)).post("/api/v1/activities/" + callOut + "/call-out").then().statusCode(202);
        s.put("GET /api/v1/activities/{id}/call-out", new Sample("/api/v1/activities/" + callOut + "/call-out", admin));
        s.put("GET /api/v1/me/call-outs", new Sample("/api/v1/me/call-outs", me));
        s.put("GET /api/v1/me/notifications", new Sample("/api/v1/me/notifications", me));
        s.put("GET /api/v1/me/notification-preferences", new Sample("/api/v1/me/notification-preferences", me));
        s.put("GET /api/v1/attendance-appeals", new Sample("/api/v1/attendance-appeals?communityId=" + community, admin));
        s.put("GET /api/v1/activities/{id}/attendance-code",
                new Sample("/api/v1/activities/" + callOut + "/attendance-code", admin));
        s.put("GET /api/v1/counties", new Sample("/api/v1/counties", admin));
        s.put("GET /api/v1/counties/{code}/pilot-status", new Sample("/api/v1/counties/" + COUNTY + "/pilot-status", admin));
        s.put("GET /api/v1/communities", new Sample("/api/v1/communities?countyCode=" + COUNTY, admin));
        s.put("GET /api/v1/communities/{id}", new Sample("/api/v1/communities/" + community, admin));
        s.put("GET /api/v1/communities/{id}/grids", new Sample("/api/v1/communities/" + community + "/grids", admin));
        s.put("GET /api/v1/volunteers", new Sample("/api/v1/volunteers?communityId=" + community, admin));
        s.put("GET /api/v1/volunteers/{id}", new Sample("/api/v1/volunteers/" + volunteer, admin));
        s.put("GET /api/v1/volunteers/{id}/service-records",
                new Sample("/api/v1/volunteers/" + volunteer + "/service-records", admin));
        s.put("GET /api/v1/volunteers/{id}/certificate", new Sample("/api/v1/volunteers/" + volunteer + "/certificate", admin));
        s.put("GET /api/v1/households", new Sample("/api/v1/households?communityId=" + community, admin));
        s.put("GET /api/v1/households/{id}", new Sample("/api/v1/households/" + household, admin));
        s.put("GET /api/v1/households/{id}/surveys", new Sample("/api/v1/households/" + household + "/surveys", admin));
        s.put("GET /api/v1/households/{householdId}/wishes",
                new Sample("/api/v1/households/" + household + "/wishes", admin));
        s.put("GET /api/v1/pairings", new Sample("/api/v1/pairings?communityId=" + community, admin));
        s.put("GET /api/v1/pairings/{id}", new Sample("/api/v1/pairings/" + pairing, admin));
        s.put("GET /api/v1/pairings/{id}/visits", new Sample("/api/v1/pairings/" + pairing + "/visits", admin));
        s.put("GET /api/v1/coverage", new Sample("/api/v1/coverage?communityId=" + community, admin));
        s.put("GET /api/v1/wishes", new Sample("/api/v1/wishes?communityId=" + community, admin));
        s.put("GET /api/v1/wishes/{id}", new Sample("/api/v1/wishes/" + wish, admin));
        s.put("GET /api/v1/activities", new Sample("/api/v1/activities?communityId=" + community, admin));
        s.put("GET /api/v1/activities/{id}", new Sample("/api/v1/activities/" + past, admin));
        s.put("GET /api/v1/activities/{id}/signups", new Sample("/api/v1/activities/" + past + "/signups", admin));
        s.put("GET /api/v1/activities/{id}/candidates", new Sample("/api/v1/activities/" + callOut + "/candidates", admin));
        s.put("GET /api/v1/progress", new Sample("/api/v1/progress?countyCode=" + COUNTY, admin));
        s.put("GET /api/v1/audit-events", new Sample("/api/v1/audit-events?limit=20", admin));
        s.put("GET /public/v1/certificates/{code}", new Sample("/public/v1/certificates/" + code, admin));
        s.put("GET /api/v1/imports/templates/{kind}", new Sample("/api/v1/imports/templates/households?format=csv", admin));
        s.put("GET /api/v1/imports/{id}", new Sample("/api/v1/imports/" + job, admin));
        s.put("GET /api/v1/imports/{id}/report", new Sample("/api/v1/imports/" + job + "/report?format=json", admin));
        s.put("GET /api/v1/exports/{kind}", new Sample("/api/v1/exports/households?communityId=" + community, admin));
        return s;
    }

    private static void awaitImport(String token, String id) {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!List.of("VALIDATED", "COMMITTED", "FAILED").contains(
                as(token).get("/api/v1/imports/" + id).then().statusCode(200).extract().<String>path("state"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("import " + id + " did not finish");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
