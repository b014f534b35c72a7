package org.yimeng.volunteer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The served OpenAPI document describes every operation of api.md's volunteer part delivered so far. */
@QuarkusTest
class OpenApiTest {
    private static final List<String> OPERATIONS = List.of(
            "get /api/v1/counties", "get /api/v1/counties/{code}/pilot-status", "post /api/v1/communities",
            "get /api/v1/communities", "get /api/v1/communities/{id}", "put /api/v1/communities/{id}/pilot",
            "post /api/v1/communities/{id}/grids", "get /api/v1/communities/{id}/grids", "post /api/v1/volunteers",
            "get /api/v1/volunteers", "get /api/v1/volunteers/{id}", "patch /api/v1/volunteers/{id}",
            "post /api/v1/households", "get /api/v1/households", "get /api/v1/households/{id}",
            "post /api/v1/households/{id}/surveys", "post /api/v1/pairings", "get /api/v1/pairings",
            "get /api/v1/pairings/{id}", "post /api/v1/pairings/{id}/end", "post /api/v1/pairings/{id}/replace",
            "post /api/v1/pairings/{id}/visits", "get /api/v1/coverage",
            "post /api/v1/households/{householdId}/wishes", "post /api/v1/wishes/{id}/claim",
            "post /api/v1/wishes/{id}/fulfil", "post /api/v1/wishes/{id}/cancel", "get /api/v1/wishes",
            "post /api/v1/activities", "get /api/v1/activities", "get /api/v1/activities/{id}",
            "post /api/v1/activities/{id}/signups", "post /api/v1/activities/{id}/check-in",
            "post /api/v1/activities/{id}/check-out", "post /api/v1/activities/{id}/complete",
            "get /api/v1/activities/{id}/candidates", "get /api/v1/volunteers/{id}/service-records",
            "get /api/v1/volunteers/{id}/certificate", "get /public/v1/certificates/{code}", "get /api/v1/progress",
            "get /api/v1/imports/templates/{kind}", "post /api/v1/imports", "get /api/v1/imports/{id}",
            "post /api/v1/imports/{id}/commit", "get /api/v1/imports/{id}/report", "get /api/v1/exports/{kind}");

    @Test
    @SuppressWarnings("unchecked")
    void describesEveryDeliveredOperationWithASummary() {
        Map<String, Map<String, Map<String, Object>>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        for (String op : OPERATIONS) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            Map<String, Map<String, Object>> item = paths.get(path);
            assertTrue(item != null && item.containsKey(method), "missing " + op);
            assertTrue(item.get(method).get("summary") != null, "no summary for " + op);
        }
    }
}
