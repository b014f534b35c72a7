package org.yimeng.donation.piggybank;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.donation.Fixtures.as;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.model.event.CommunityChanged;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** Piggy-banks: only for communities that reached the ledger over Kafka, managed within scope. */
@QuarkusTest
class PiggyBankApiTest {
    @Inject
    ObjectMapper mapper;

    private static Map<String, Object> body(UUID community) {
        return Map.of("communityId", community, "label", "一号爱扑满", "place", "党群服务中心门口");
    }

    @Test
    void unknownCommunityIs422UntilItArrivesOverKafka() {
        UUID id = UUID.randomUUID();
        as("CITY_ADMIN").body(body(id)).post("/api/v1/piggy-banks").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_COMMUNITY"));
        assertEquals(0, Fixtures.count("piggy_bank WHERE community_id = '" + id + "'"));
        Fixtures.announce(mapper, CommunityChanged.of(id, "371321", "兴旺社区", "COMMUNITY", false));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> as("CITY_ADMIN").body(body(id)).post("/api/v1/piggy-banks").statusCode() == 201);
        as("CITY_ADMIN").queryParam("communityId", id).get("/api/v1/piggy-banks").then().statusCode(200)
                .body("items[0].code", matchesPattern("PB-[0-9A-HJKMNP-TV-Z]{8}")).body("items[0].status", equalTo("ACTIVE"))
                .body("items[0].communityId", equalTo(id.toString()));
        // a later change of the community updates the registry (same id, new county)
        Fixtures.announce(mapper, CommunityChanged.of(id, "371322", "兴旺社区", "COMMUNITY", true));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Fixtures.count("community WHERE id = '" + id + "' AND county_code = '371322' AND pilot") == 1);
    }

    @Test
    void adminsManagePiggyBanksOnlyWithinTheirScope() {
        UUID mine = Fixtures.community(mapper, "371323");
        UUID theirs = Fixtures.community(mapper, "371324");
        as("COMMUNITY_ADMIN", Map.of("community", mine.toString())).body(body(mine)).post("/api/v1/piggy-banks").then()
                .statusCode(201).body("communityId", equalTo(mine.toString()));
        as("COMMUNITY_ADMIN", Map.of("community", mine.toString())).body(body(theirs)).post("/api/v1/piggy-banks").then()
                .statusCode(403);
        as("COUNTY_ADMIN", Map.of("county", "371324")).body(body(theirs)).post("/api/v1/piggy-banks").then().statusCode(201);
        as("COUNTY_ADMIN", Map.of("county", "371324")).body(body(mine)).post("/api/v1/piggy-banks").then().statusCode(403);
        as("AUDITOR").body(body(mine)).post("/api/v1/piggy-banks").then().statusCode(403);
        as("COLLECTOR").body(body(mine)).post("/api/v1/piggy-banks").then().statusCode(403);
        as("CITY_ADMIN").body(Map.of("communityId", mine, "label", "", "place", "x")).post("/api/v1/piggy-banks").then()
                .statusCode(422).body("violations[0].field", equalTo("label"));
        List<String> countyView = as("COUNTY_ADMIN", Map.of("county", "371324")).queryParam("limit", 500)
                .get("/api/v1/piggy-banks").then().statusCode(200).extract().path("items.communityId");
        assertTrue(!countyView.isEmpty() && countyView.stream().allMatch(theirs.toString()::equals), countyView.toString());
        String id = as("COMMUNITY_ADMIN", Map.of("community", mine.toString())).get("/api/v1/piggy-banks").then()
                .extract().path("items[0].id");
        as("COUNTY_ADMIN", Map.of("county", "371324")).post("/api/v1/piggy-banks/" + id + "/retire").then().statusCode(403);
        as("COMMUNITY_ADMIN", Map.of("community", mine.toString())).post("/api/v1/piggy-banks/" + id + "/retire").then()
                .statusCode(200).body("status", equalTo("RETIRED"));
    }

    @Test
    void createAndRetireAnswerTheInstantsThatLaterReadsShow() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        var created = as("CITY_ADMIN").body(body(community)).post("/api/v1/piggy-banks").then().statusCode(201)
                .body("createdAt", matchesPattern(".*T[0-9:]{8}(\\.\\d{1,6})?Z")).extract();
        String id = created.path("id");
        String retiredAt = as("CITY_ADMIN").post("/api/v1/piggy-banks/" + id + "/retire").then().statusCode(200)
                .body("retiredAt", matchesPattern(".*T[0-9:]{8}(\\.\\d{1,6})?Z")).extract().path("retiredAt");
        as("CITY_ADMIN").queryParam("communityId", community).get("/api/v1/piggy-banks").then().statusCode(200)
                .body("items[0].createdAt", equalTo(created.path("createdAt")))
                .body("items[0].retiredAt", equalTo(retiredAt));
    }
}
