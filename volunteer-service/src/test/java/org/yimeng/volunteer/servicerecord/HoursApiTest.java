package org.yimeng.volunteer.servicerecord;

import static org.hamcrest.Matchers.equalTo;
import static org.yimeng.volunteer.Engagement.at;
import static org.yimeng.volunteer.Engagement.serve;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.volunteerToken;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;

import io.quarkus.test.junit.QuarkusTest;

/** Service hours per volunteer: totals from activities, visits and wishes, star levels and the weekly goal. */
@QuarkusTest
class HoursApiTest {
    private static final String COUNTY = "371326";

    @Inject
    BusinessClock clock;

    @Test
    void weeklyGoalCountsTheIsoWeekInShanghaiAcrossTheSundayMidnight() {
        // a Wednesday noon: this week's Monday 02:05 is behind us whatever day the suite runs on
        LocalDate monday = LocalDate.of(2026, 3, 2);
        TestClocks.fix(clock, at(monday.plusDays(2), 12, 0));
        try {
            weeklyGoalAcrossTheSundayMidnight(monday);
        } finally {
            TestClocks.reset(clock);
        }
    }

    private void weeklyGoalAcrossTheSundayMidnight(LocalDate monday) {
        String community = Fixtures.community(COUNTY);
        String v = Fixtures.volunteer(community, null);
        // Sunday 23:30 → Monday 00:45: 75 minutes of last week's Sunday
        serve(community, v, at(monday.minusDays(1), 23, 30), at(monday, 0, 45));
        as(cityAdmin()).get("/api/v1/volunteers/" + v).then().statusCode(200).body("totalMinutes", equalTo(75))
                .body("weekMinutes", equalTo(0)).body("weeklyGoalMet", equalTo(false));
        // 59 minutes this week: not yet
        serve(community, v, at(monday, 1, 0), at(monday, 1, 59));
        as(volunteerToken(v)).get("/api/v1/volunteers/" + v).then().statusCode(200).body("weekMinutes", equalTo(59))
                .body("weeklyGoalMet", equalTo(false));
        serve(community, v, at(monday, 2, 0), at(monday, 2, 1));
        as(volunteerToken(v)).get("/api/v1/volunteers/" + v).then().body("weekMinutes", equalTo(60))
                .body("weeklyGoalMet", equalTo(true)).body("totalMinutes", equalTo(135));
    }

    @Test
    void visitsCountTowardsHoursAndStarLevelsFollowTheThresholds() {
        String community = Fixtures.community(COUNTY);
        String grid = Fixtures.grid(community);
        String a = Fixtures.volunteer(community, grid);
        String b = Fixtures.volunteer(community, grid);
        String pairing = Fixtures.pairing(Fixtures.household(community, grid), a, b);
        as(cityAdmin()).body(Map.of("visitedOn", Fixtures.today().toString(), "minutes", 40, "volunteerIds", List.of(a)))
                .post("/api/v1/pairings/" + pairing + "/visits").then().statusCode(201);
        as(cityAdmin()).get("/api/v1/volunteers/" + a).then().body("totalMinutes", equalTo(40))
                .body("starLevel", equalTo(0));
        // 99 h 59 min in all: still no star; one more minute: 1★ (100 h)
        insertRecords(a, 4, 1440);
        insertRecords(a, 1, 6000 - 40 - 4 * 1440 - 1);
        as(cityAdmin()).get("/api/v1/volunteers/" + a).then().body("totalMinutes", equalTo(5999))
                .body("starLevel", equalTo(0));
        insertRecords(a, 1, 1);
        as(cityAdmin()).get("/api/v1/volunteers/" + a).then().body("totalMinutes", equalTo(6000))
                .body("starLevel", equalTo(1));
        // 300 h: 2★
        insertRecords(a, 10, 1200);
        as(cityAdmin()).get("/api/v1/volunteers/" + a).then().body("totalMinutes", equalTo(18000))
                .body("starLevel", equalTo(2));
    }

    /** Old confirmed visit records (dated a year ago, no time span), written straight into the table. */
    private static void insertRecords(String volunteer, int n, int minutes) {
        Fixtures.sql("INSERT INTO service_record (id, volunteer_id, source_kind, source_id, community_id, service_date, "
                + "minutes, place, content, confirmed_by, confirmed_at, created_at) "
                + "SELECT gen_random_uuid(), v.id, 'VISIT', gen_random_uuid(), v.community_id, current_date - 365, "
                + minutes + ", 'x', 'x', 'test', now(), now() FROM volunteer v, generate_series(1, " + n + ") "
                + "WHERE v.id = '" + volunteer + "'");
    }
}
