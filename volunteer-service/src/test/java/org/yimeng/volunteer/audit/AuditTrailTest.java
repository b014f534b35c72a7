package org.yimeng.volunteer.audit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.yimeng.volunteer.Fixtures.as;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Who read or changed personal data is recorded, without the values, and CITY_ADMIN and AUDITOR can query it. */
@QuarkusTest
class AuditTrailTest {

    @Test
    void recordsCreationReadsListsAndChangesOfAHouseholdWithoutValues() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String phone = Fixtures.phone();
        String idNumber = Fixtures.idNumber();
        String household = as(Fixtures.communityAdmin(community)).body(Map.of("communityId", community, "gridId", grid,
                "headName", Fixtures.unique("户主"), "headIdNumber", idNumber, "phone", phone, "address",
                Fixtures.unique("沂蒙路"), "memberCount", 2, "categories", List.of("DISABLED")))
                .post("/api/v1/households").then().statusCode(201).extract().path("id");
        String worker = Fixtures.gridWorker(grid);
        as(worker).get("/api/v1/households/" + household).then().statusCode(200);
        as(worker).queryParam("gridId", grid).get("/api/v1/households").then().statusCode(200);
        as(worker).body(Map.of("memberCount", 3)).patch("/api/v1/households/" + household).then().statusCode(200);

        Response events = as(TestStack.token("AUDITOR")).queryParam("entityId", household).get("/api/v1/audit-events");
        events.then().statusCode(200)
                .body("items.action", contains("CREATE", "READ", "LIST", "UPDATE"))
                .body("items[0].role", org.hamcrest.Matchers.is("COMMUNITY_ADMIN"))
                .body("items[0].scope.community", org.hamcrest.Matchers.is(community))
                .body("items[0].fields", hasItem("headIdNumber"))
                .body("items[1].actor", org.hamcrest.Matchers.is("dev-grid-worker"))
                .body("items[1].scope.grid", org.hamcrest.Matchers.is(grid))
                .body("items[2].entityIds", hasItem(household))
                .body("items[3].fields", contains("memberCount"));
        String json = events.asString();
        assertFalse(json.contains(phone) || json.contains(idNumber) || json.contains(phone.substring(7)),
                "an audit event carries a value: " + json);
    }

    @Test
    void recordsVolunteerReadsIncludingTheVolunteerThemself() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String volunteer = Fixtures.volunteer(community, null);
        as(Fixtures.volunteerToken(volunteer)).get("/api/v1/volunteers/" + volunteer).then().statusCode(200);
        as(Fixtures.cityAdmin()).queryParam("entityType", "VOLUNTEER").queryParam("entityId", volunteer)
                .queryParam("actor", "dev-volunteer").get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", contains("READ"))
                .body("items[0].scope.volunteer", org.hamcrest.Matchers.is(volunteer));
    }

    @Test
    void pagesByKeysetAndFiltersByTime() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String household = Fixtures.household(community, null);
        String from = java.time.Instant.now().toString();
        for (int i = 0; i < 3; i++) {
            as(Fixtures.cityAdmin()).get("/api/v1/households/" + household).then().statusCode(200);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> q = new HashMap<>(Map.of("entityId", household, "from", from, "limit", 1));
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            Response page = as(Fixtures.cityAdmin()).queryParams(q).get("/api/v1/audit-events");
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(3, seen.size());
        assertEquals(3, seen.stream().distinct().count());
        as(Fixtures.cityAdmin()).queryParam("entityId", household).queryParam("to", from)
                .get("/api/v1/audit-events").then().statusCode(200).body("items.action", contains("CREATE"));
    }

    @Test
    void onlyCityAdminAndAuditorMayQueryAndBadFiltersAre422() {
        as(Fixtures.countyAdmin(Fixtures.COUNTY)).get("/api/v1/audit-events").then().statusCode(403);
        as(TestStack.token("AUDITOR")).queryParam("from", "yesterday").get("/api/v1/audit-events").then()
                .statusCode(422).body("violations[0].field", org.hamcrest.Matchers.is("from"));
        as(TestStack.token("AUDITOR")).queryParam("entityType", "DONOR").get("/api/v1/audit-events").then()
                .statusCode(422);
        // the auditor reads the trail, not the data
        as(TestStack.token("AUDITOR")).get("/api/v1/households").then().statusCode(403);
    }
}
