package org.yimeng.volunteer.coverage;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.gridWorker;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CoverageApiTest {

    @Test
    void countsHouseholdsSurveyedPairedAndUnpairedPerGrid() {
        // GXQ is used by this test only, so the county's figures are exact
        String community = Fixtures.community("GXQ");
        String gridA = as(cityAdmin()).body(Map.of("name", "A网格")).post("/api/v1/communities/" + community + "/grids")
                .then().statusCode(201).extract().path("id");
        String gridB = as(cityAdmin()).body(Map.of("name", "B网格")).post("/api/v1/communities/" + community + "/grids")
                .then().statusCode(201).extract().path("id");
        String empty = as(cityAdmin()).body(Map.of("name", "C网格")).post("/api/v1/communities/" + community + "/grids")
                .then().statusCode(201).extract().path("id");
        String a1 = Fixtures.household(community, gridA);
        String a2 = Fixtures.household(community, gridA);
        String a3 = Fixtures.household(community, gridA);
        String b1 = Fixtures.household(community, gridB);
        String none = Fixtures.household(community, null);
        Fixtures.pairing(a1, Fixtures.volunteer(community, null), Fixtures.volunteer(community, null));
        Fixtures.pairing(a2, Fixtures.volunteer(community, null), Fixtures.volunteer(community, null));
        String ended = Fixtures.pairing(b1, Fixtures.volunteer(community, null), Fixtures.volunteer(community, null));
        as(cityAdmin()).body(Map.of("reason", "x")).post("/api/v1/pairings/" + ended + "/end").then().statusCode(200);
        for (String h : List.of(a1, a3, none)) {
            as(cityAdmin()).body(Map.of("surveyedOn", Fixtures.today().toString(), "surveyor", "x", "needs", List.of()))
                    .post("/api/v1/households/" + h + "/surveys").then().statusCode(201);
        }
        // a second community of the county, without grids
        String other = Fixtures.community("GXQ");
        String o1 = Fixtures.household(other, null);

        as(Fixtures.countyAdmin("GXQ")).queryParam("countyCode", "GXQ").get("/api/v1/coverage").then().statusCode(200)
                .body("countyCode", equalTo("GXQ")).body("households", equalTo(6)).body("surveyed", equalTo(3))
                .body("paired", equalTo(2)).body("unpaired", equalTo(4)).body("coverageRatio", equalTo(0.3333f))
                .body("duplicateActivePairings", equalTo(0))
                .body("unpairedHouseholdIds", equalTo(List.of(a3, b1, none, o1)))
                .body("unpairedHouseholdIdsTruncated", equalTo(false))
                .body("grids.name", equalTo(java.util.Arrays.asList("A网格", "B网格", "C网格", null)))
                .body("grids[0].households", equalTo(3)).body("grids[0].paired", equalTo(2))
                .body("grids[0].surveyed", equalTo(2)).body("grids[0].unpaired", equalTo(1))
                .body("grids[0].coverageRatio", equalTo(0.6667f))
                .body("grids[1].households", equalTo(1)).body("grids[1].paired", equalTo(0))
                .body("grids[2].gridId", equalTo(empty)).body("grids[2].households", equalTo(0))
                .body("grids[3].gridId", nullValue()).body("grids[3].households", equalTo(2))
                .body("grids[3].surveyed", equalTo(1));

        as(Fixtures.communityAdmin(community)).queryParam("communityId", community).get("/api/v1/coverage").then()
                .statusCode(200).body("households", equalTo(5)).body("paired", equalTo(2))
                .body("unpairedHouseholdIds", equalTo(List.of(a3, b1, none))).body("grids", hasSize(4));
        as(gridWorker(gridA)).queryParam("gridId", gridA).get("/api/v1/coverage").then().statusCode(200)
                .body("households", equalTo(3)).body("paired", equalTo(2)).body("unpairedHouseholdIds", equalTo(List.of(a3)))
                .body("grids", hasSize(1)).body("grids[0].gridId", equalTo(gridA));
        as(cityAdmin()).queryParam("gridId", empty).get("/api/v1/coverage").then().statusCode(200)
                .body("households", equalTo(0)).body("coverageRatio", equalTo(0.0f));
    }

    @Test
    void coverageIsScopedAndNeedsExactlyOneArea() {
        String community = Fixtures.community("371328");
        String grid = Fixtures.grid(community);
        String otherGrid = Fixtures.grid(community);
        as(gridWorker(grid)).queryParam("gridId", otherGrid).get("/api/v1/coverage").then().statusCode(403);
        as(gridWorker(grid)).queryParam("communityId", community).get("/api/v1/coverage").then().statusCode(403);
        as(Fixtures.communityAdmin(community)).queryParam("countyCode", "371328").get("/api/v1/coverage").then()
                .statusCode(403);
        as(Fixtures.countyAdmin("371302")).queryParam("communityId", community).get("/api/v1/coverage").then()
                .statusCode(403);
        as(Fixtures.volunteerToken(UUID.randomUUID().toString())).queryParam("countyCode", "371328")
                .get("/api/v1/coverage").then().statusCode(403);
        as(cityAdmin()).get("/api/v1/coverage").then().statusCode(422);
        as(cityAdmin()).queryParam("countyCode", "371328").queryParam("gridId", grid).get("/api/v1/coverage").then()
                .statusCode(422);
        as(cityAdmin()).queryParam("gridId", "nope").get("/api/v1/coverage").then().statusCode(422);
        as(cityAdmin()).queryParam("countyCode", "000000").get("/api/v1/coverage").then().statusCode(404);
        as(cityAdmin()).queryParam("communityId", UUID.randomUUID().toString()).get("/api/v1/coverage").then()
                .statusCode(404);
    }
}
