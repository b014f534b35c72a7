package org.yimeng.volunteer.contact;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.yimeng.volunteer.Fixtures.as;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Staff ask for a phone in full with a reason: only the grid worker of the record's grid and the admin of its
 * community get it, each time audited as REVEAL with the reason (never the number); everyone else gets 403 and no
 * REVEAL is recorded.
 */
@QuarkusTest
class ContactApiTest {
    private static final String COUNTY = "371328";
    private static final Map<String, String> REASON = Map.of("reason", "电话确认明天上门走访的时间");

    @Test
    void gridWorkerAndCommunityAdminInScopeGetTheNumberAuditedAsRevealWithTheReason() {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        String phone = Fixtures.phone();
        String household = household(community, grid, phone);
        String volunteer = Fixtures.volunteer(community, grid);
        String volunteerPhone = Fixtures.sqlText("SELECT phone FROM volunteer WHERE id = '" + volunteer + "'");

        as(Fixtures.gridWorker(grid)).body(REASON).post("/api/v1/households/" + household + "/contact").then()
                .statusCode(200).header("Cache-Control", "no-store").body("phone", equalTo(phone));
        as(Fixtures.communityAdmin(community)).body(REASON).post("/api/v1/volunteers/" + volunteer + "/contact")
                .then().statusCode(200).body("phone", equalTo(volunteerPhone));
        // every other response keeps it masked
        as(Fixtures.gridWorker(grid)).get("/api/v1/households/" + household).then()
                .body("phone", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)));

        String events = as(TestStack.token("AUDITOR")).queryParam("entityId", household).get("/api/v1/audit-events")
                .then().statusCode(200)
                .body("items.findAll { it.action == 'REVEAL' }.size()", equalTo(1))
                .body("items.find { it.action == 'REVEAL' }.reason", equalTo(REASON.get("reason")))
                .body("items.find { it.action == 'REVEAL' }.fields", equalTo(List.of("phone")))
                .body("items.find { it.action == 'REVEAL' }.role", equalTo("GRID_WORKER"))
                .extract().asString();
        assertFalse(events.contains(phone) || events.contains(phone.substring(7)), "the audit trail holds the number");
        as(TestStack.token("AUDITOR")).queryParam("entityId", volunteer).get("/api/v1/audit-events").then()
                .body("items.find { it.action == 'REVEAL' }.role", equalTo("COMMUNITY_ADMIN"));
    }

    @Test
    void everyOtherRoleOrScopeIsRefusedAndNothingIsRevealed() {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        String otherGrid = Fixtures.grid(community);
        String otherCommunity = Fixtures.community(COUNTY);
        String household = household(community, grid, Fixtures.phone());
        String volunteer = Fixtures.volunteer(community, grid);
        List<String> refused = List.of(Fixtures.gridWorker(otherGrid), Fixtures.communityAdmin(otherCommunity),
                Fixtures.countyAdmin(COUNTY), Fixtures.cityAdmin(), Fixtures.volunteerToken(volunteer),
                TestStack.token("AUDITOR"), TestStack.token("FINANCE"));
        for (String token : refused) {
            as(token).body(REASON).post("/api/v1/households/" + household + "/contact").then().statusCode(403)
                    .contentType(containsString("application/problem+json")).body("phone", org.hamcrest.Matchers.nullValue());
            as(token).body(REASON).post("/api/v1/volunteers/" + volunteer + "/contact").then().statusCode(403);
        }
        // a household without a grid is no grid worker's
        String ungridded = household(community, null, Fixtures.phone());
        as(Fixtures.gridWorker(grid)).body(REASON).post("/api/v1/households/" + ungridded + "/contact").then()
                .statusCode(403);
        assertEquals(0, reveals(household) + reveals(volunteer) + reveals(ungridded));
    }

    @Test
    void noPhoneAnErasedRecordOrNoReasonRevealNothing() {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        String admin = Fixtures.communityAdmin(community);
        String noPhone = household(community, grid, null);
        as(admin).body(REASON).post("/api/v1/households/" + noPhone + "/contact").then().statusCode(422)
                .contentType(containsString("application/problem+json")).body("code", equalTo("NO_PHONE"));

        String erased = household(community, grid, Fixtures.phone());
        as(Fixtures.countyAdmin(COUNTY)).post("/api/v1/households/" + erased + "/erase").then().statusCode(200);
        as(admin).body(REASON).post("/api/v1/households/" + erased + "/contact").then().statusCode(422)
                .body("code", equalTo("NO_PHONE"));

        String household = household(community, grid, Fixtures.phone());
        for (String body : List.of("{}", "{\"reason\":\"   \"}", "{\"reason\":\"" + "长".repeat(501) + "\"}",
                "{\"reason\":42}", "")) {
            int status = as(admin).body(body).post("/api/v1/households/" + household + "/contact").then()
                    .contentType(containsString("application/problem+json")).extract().statusCode();
            assertEquals(true, status == 400 || status == 422, body + " answered " + status);
        }
        as(admin).body(REASON).post("/api/v1/households/" + java.util.UUID.randomUUID() + "/contact").then()
                .statusCode(404);
        assertEquals(0, reveals(noPhone) + reveals(erased) + reveals(household));
    }

    @Test
    void aVolunteerOfTheHouseholdsActivePairingGetsItsNumberAndNobodyElsesAuditedAsReveal() {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        String phone = Fixtures.phone();
        String household = household(community, grid, phone);
        String other = household(community, grid, Fixtures.phone());
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, grid);
        String outsider = Fixtures.volunteer(community, grid);
        String pairing = Fixtures.pairing(household, a, b);

        as(Fixtures.volunteerToken(a)).body(REASON).post("/api/v1/households/" + household + "/contact").then()
                .statusCode(200).body("phone", equalTo(phone));
        as(Fixtures.volunteerToken(a)).body(REASON).post("/api/v1/households/" + other + "/contact").then()
                .statusCode(403);
        as(Fixtures.volunteerToken(outsider)).body(REASON).post("/api/v1/households/" + household + "/contact")
                .then().statusCode(403);
        // a volunteer never reveals another volunteer's number
        as(Fixtures.volunteerToken(a)).body(REASON).post("/api/v1/volunteers/" + b + "/contact").then()
                .statusCode(403);
        as(TestStack.token("AUDITOR")).queryParam("entityId", household).get("/api/v1/audit-events").then()
                .body("items.find { it.action == 'REVEAL' }.role", equalTo("VOLUNTEER"));
        assertEquals(1, reveals(household));
        assertEquals(0, reveals(other));

        as(Fixtures.cityAdmin()).body(Map.of("reason", "结对调整")).post("/api/v1/pairings/" + pairing + "/end").then()
                .statusCode(200);
        as(Fixtures.volunteerToken(a)).body(REASON).post("/api/v1/households/" + household + "/contact").then()
                .statusCode(403);
    }

    @Test
    void theDatabaseRefusesARevealWithoutAReason() {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (var c = TestStack.superuser(); var st = c.createStatement()) {
                st.execute("INSERT INTO audit_event (id, at, actor, role, action, entity_type, entity_id) VALUES "
                        + "(gen_random_uuid(), now(), 'x', 'GRID_WORKER', 'REVEAL', 'HOUSEHOLD', gen_random_uuid())");
            }
        });
        assertEquals("23514", e.getSQLState(), e.getMessage()); // check_violation
    }

    private static long reveals(String entityId) {
        return Fixtures.count("audit_event WHERE action = 'REVEAL' AND entity_id = '" + entityId + "'");
    }

    private static String household(String community, String grid, String phone) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("communityId", community, "headName",
                Fixtures.unique("户主"), "address", Fixtures.unique("沂蒙路"), "memberCount", 1, "categories",
                List.of("ELDERLY_ALONE")));
        if (grid != null) {
            body.put("gridId", grid);
        }
        if (phone != null) {
            body.put("phone", phone);
        }
        return as(Fixtures.cityAdmin()).body(body).post("/api/v1/households").then().statusCode(201).extract()
                .path("id");
    }
}
