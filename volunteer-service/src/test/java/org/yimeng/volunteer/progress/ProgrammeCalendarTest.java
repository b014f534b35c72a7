package org.yimeng.volunteer.progress;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The programme calendar is per year and read at the business clock's date (the test profile gives 2026 its own pilot
 * deadline and 2030 its own ratio and review month); a county with no communities has nothing to meet.
 */
@QuarkusTest
class ProgrammeCalendarTest {
    private static final String COUNTY = "371321";

    @Inject
    BusinessClock clock;

    @AfterEach
    void backToTheWallClock() {
        clock.setClock(Clock.systemUTC());
    }

    private void at(String instant) {
        clock.setClock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void a2026DateSees2026sDeadlinesInPilotStatusAndProgress() {
        at("2026-03-10T02:00:00Z");
        as(cityAdmin()).get("/api/v1/counties/" + COUNTY + "/pilot-status").then().statusCode(200)
                .body("pilotDeadline", equalTo("2026-04-30")).body("surveyDeadline", equalTo("2026-06-30"));
        as(cityAdmin()).queryParam("countyCode", COUNTY).get("/api/v1/progress").then().statusCode(200)
                .body("asOf", equalTo("2026-03-10")).body("programme.year", equalTo(2026))
                .body("programme.pilotDeadline", equalTo("2026-04-30"))
                .body("programme.surveyDeadline", equalTo("2026-06-30"))
                .body("programme.reviewMonth", equalTo("2026-07"));

        at("2025-03-10T02:00:00Z");
        as(cityAdmin()).get("/api/v1/counties/" + COUNTY + "/pilot-status").then()
                .body("pilotDeadline", equalTo("2025-05-30")).body("surveyDeadline", equalTo("2025-06-30"));
        // New Year in Asia/Shanghai comes eight hours before UTC's
        at("2025-12-31T16:30:00Z");
        as(cityAdmin()).get("/api/v1/counties/" + COUNTY + "/pilot-status").then()
                .body("pilotDeadline", equalTo("2026-04-30"));
        // a year without an entry: the defaults' month and day in that year
        at("2027-03-10T02:00:00Z");
        as(cityAdmin()).get("/api/v1/counties/" + COUNTY + "/pilot-status").then()
                .body("pilotDeadline", equalTo("2027-05-30")).body("targetRatio", equalTo(0.20f));
    }

    @Test
    void aYearsOwnRatioSetsTheRequiredPilots() {
        Fixtures.community(COUNTY);
        at("2030-03-10T02:00:00Z");
        var status = as(cityAdmin()).get("/api/v1/counties/" + COUNTY + "/pilot-status").then().statusCode(200)
                .body("targetRatio", equalTo(0.50f)).extract().jsonPath();
        int communities = status.getInt("communities");
        org.junit.jupiter.api.Assertions.assertEquals((communities + 1) / 2, status.getInt("requiredPilots"));
        as(cityAdmin()).queryParam("countyCode", COUNTY).get("/api/v1/progress").then()
                .body("pilotTargetRatio", equalTo(0.50f)).body("rows[0].targetPilots", equalTo((communities + 1) / 2))
                .body("programme.reviewMonth", equalTo("2030-09"));
    }

    @Test
    void aCountyWithNoCommunitiesSaysSoInsteadOfMeetingTheTarget() {
        String code = "T" + UUID.randomUUID().toString().substring(0, 6);
        Fixtures.sql("INSERT INTO county (code, name, kind, sort_order) VALUES ('" + code + "', '测试区" + code
                + "', 'ZONE', 999)");
        try {
            as(cityAdmin()).get("/api/v1/counties/" + code + "/pilot-status").then().statusCode(200)
                    .body("communities", equalTo(0)).body("requiredPilots", equalTo(0))
                    .body("meetsTarget", nullValue()).body("state", equalTo("NO_COMMUNITIES"));
            as(cityAdmin()).queryParam("countyCode", code).get("/api/v1/progress").then().statusCode(200)
                    .body("rows", hasSize(1)).body("rows[0].pilotsMeetTarget", nullValue())
                    .body("rows[0].pilotState", equalTo("NO_COMMUNITIES")).body("communities", hasSize(0))
                    .body("total.pilotState", equalTo("NO_COMMUNITIES"));
            // a county with communities says where it stands
            as(cityAdmin()).get("/api/v1/counties/" + COUNTY + "/pilot-status").then()
                    .body("state", org.hamcrest.Matchers.oneOf("MEETS_TARGET", "BELOW_TARGET"));
        } finally {
            Fixtures.sql("DELETE FROM county WHERE code = '" + code + "'");
        }
    }
}
