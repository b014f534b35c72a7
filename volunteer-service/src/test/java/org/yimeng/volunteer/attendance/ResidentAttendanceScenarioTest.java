package org.yimeng.volunteer.attendance;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;
import static org.yimeng.volunteer.Fixtures.volunteerToken;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A resident's activity from the phone, end to end: find it, sign up, scan the organiser's code (a stale code, a
 * foreign one and a position outside the fence refused), check in, check out, the organiser completes, and the
 * minutes are in the volunteer's record. The business clock is moved to the activity's times.
 */
@QuarkusTest
class ResidentAttendanceScenarioTest {
    // 沂蒙 square, Lanshan district
    private static final double LAT = 35.1041;
    private static final double LNG = 118.3564;

    @Inject
    BusinessClock clock;

    @AfterEach
    void backToRealTime() {
        TestClocks.reset(clock);
    }

    @Test
    void aResidentSignsUpChecksInAndOutByTheOrganisersCodeAndTheMinutesReachTheirRecord() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String v = Fixtures.volunteer(community, grid);
        String me = volunteerToken(v);
        String organiser = Fixtures.communityAdmin(community);
        Instant start = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        Instant end = start.plus(Duration.ofHours(1));
        Map<String, Object> body = new HashMap<>(Engagement.activityBody(community, "REGULAR", start, end, 10, List.of()));
        body.putAll(Map.of("lat", LAT, "lng", LNG, "radiusM", 200));
        String activity = as(organiser).body(body).post("/api/v1/activities").then().statusCode(201)
                .body("radiusM", equalTo(200)).extract().path("id");
        // another activity of the same organiser, later the same day: its code must not open the first
        String other = Engagement.activity(community, "REGULAR", start.plus(Duration.ofMinutes(5)),
                end.plus(Duration.ofMinutes(5)), 10);

        // find it and sign up, with no volunteerId
        JsonPath found = as(me).get("/api/v1/me/activities?from=" + start + "&to=" + end).then().statusCode(200)
                .extract().jsonPath();
        int i = found.getList("items.id").indexOf(activity);
        assertTrue(i >= 0, found.prettify());
        assertEquals(10, found.getInt("items[" + i + "].freePlaces"));
        assertEquals(false, found.getBoolean("items[" + i + "].signedUp"));
        as(me).body("{}").post("/api/v1/activities/" + activity + "/signups").then().statusCode(201)
                .body("volunteerId", equalTo(v));

        // ten minutes before the start the organiser shows the code
        Instant arrival = start.minus(Duration.ofMinutes(10));
        TestClocks.fix(clock, arrival);
        JsonPath code = as(organiser).get("/api/v1/activities/" + activity + "/attendance-code").then()
                .statusCode(200).header("Cache-Control", "no-store").body("qrSvg", startsWith("<svg"))
                .body("validUntil", equalTo(AttendanceCode.validUntil(arrival).toString())).extract().jsonPath();
        String payload = code.getString("payload");
        assertEquals(AttendanceCode.payload(UUID.fromString(activity), code.getString("code")), payload);

        // a code from two steps back, a foreign activity's digits, and the foreign activity's own payload
        byte[] secret = secretOf(activity);
        String stale = AttendanceCode.payload(UUID.fromString(activity),
                AttendanceCode.code(secret, UUID.fromString(activity), AttendanceCode.step(arrival) - 2));
        checkIn(me, stale, LAT, LNG).then().statusCode(422).body("code", equalTo("ATTENDANCE_CODE_INVALID"));
        String otherCode = as(organiser).get("/api/v1/activities/" + other + "/attendance-code").then().statusCode(200)
                .extract().path("code");
        checkIn(me, AttendanceCode.payload(UUID.fromString(activity), otherCode), LAT, LNG).then().statusCode(422)
                .body("code", equalTo("ATTENDANCE_CODE_INVALID"));
        checkIn(me, AttendanceCode.payload(UUID.fromString(other), otherCode), LAT, LNG).then().statusCode(422)
                .body("code", equalTo("NOT_SIGNED_UP"));
        // the fence: no position, then 1.1 km north
        checkIn(me, payload, null, null).then().statusCode(422).body("code", equalTo("OUTSIDE_GEOFENCE"))
                .body("positionRequired", equalTo(true));
        checkIn(me, payload, LAT + 0.01, LNG).then().statusCode(422).body("code", equalTo("OUTSIDE_GEOFENCE"));
        assertEquals(1, Fixtures.count("activity_signup WHERE activity_id = '" + activity + "' AND checked_in_at IS NULL"));

        // 50 m away, with the code: in
        checkIn(me, payload, LAT + 0.00045, LNG).then().statusCode(200)
                .body("checkedInAt", equalTo(arrival.toString()));

        // ten minutes after the end, out
        Instant leaving = end.plus(Duration.ofMinutes(10));
        TestClocks.fix(clock, leaving);
        String outCode = as(organiser).get("/api/v1/activities/" + activity + "/attendance-code").then()
                .statusCode(200).extract().path("payload");
        checkOut(me, payload, LAT, LNG).then().statusCode(422).body("code", equalTo("ATTENDANCE_CODE_INVALID"));
        checkOut(me, outCode, LAT, LNG).then().statusCode(200).body("checkedOutAt", equalTo(leaving.toString()));

        // the organiser completes: 60 minutes (clipped to the activity) in the volunteer's record
        as(organiser).post("/api/v1/activities/" + activity + "/complete").then().statusCode(200)
                .body("recordCount", equalTo(1)).body("flaggedCount", equalTo(0));
        TestClocks.reset(clock);
        as(me).get("/api/v1/volunteers/" + v).then().statusCode(200).body("totalMinutes", equalTo(60));
        // another volunteer sees nothing of it
        as(volunteerToken(Fixtures.volunteer(community, grid))).get("/api/v1/volunteers/" + v).then().statusCode(403);
    }

    @Test
    void theEightDigitsAloneWorkForAnActivityIAmSignedUpFor() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, null);
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        String activity = Engagement.activity(community, "REGULAR", start, start.plus(Duration.ofHours(1)), 5);
        Engagement.signUp(activity, v).then().statusCode(201);
        TestClocks.fix(clock, start.plus(Duration.ofMinutes(1)));
        String digits = as(cityAdmin()).get("/api/v1/activities/" + activity + "/attendance-code").then()
                .statusCode(200).extract().path("code");
        checkIn(volunteerToken(v), "00000000".equals(digits) ? "00000001" : "00000000", null, null).then()
                .statusCode(422).body("code", equalTo("ATTENDANCE_CODE_INVALID"));
        checkIn(volunteerToken(v), digits, null, null).then().statusCode(200);
        checkIn(volunteerToken(v), digits, null, null).then().statusCode(409).body("code", equalTo("ALREADY_CHECKED_IN"));
    }

    @Test
    void checkInOutsideTheWindowIsRefused() {
        String community = Fixtures.community(Fixtures.COUNTY);
        String v = Fixtures.volunteer(community, null);
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        String activity = Engagement.activity(community, "REGULAR", start, start.plus(Duration.ofHours(1)), 5);
        Engagement.signUp(activity, v).then().statusCode(201);
        TestClocks.fix(clock, start.minus(Duration.ofMinutes(31)));
        String payload = as(cityAdmin()).get("/api/v1/activities/" + activity + "/attendance-code").then()
                .statusCode(200).extract().path("payload");
        checkIn(volunteerToken(v), payload, null, null).then().statusCode(422)
                .body("code", equalTo("OUTSIDE_CHECK_IN_WINDOW"));
        checkOut(volunteerToken(v), payload, null, null).then().statusCode(409).body("code", equalTo("NOT_CHECKED_IN"));
        assertEquals(1, Fixtures.count("activity_signup WHERE activity_id = '" + activity + "' AND checked_in_at IS NULL"));
    }

    private static io.restassured.response.Response checkIn(String token, String code, Double lat, Double lng) {
        return as(token).body(attendance(code, lat, lng)).post("/api/v1/me/check-in");
    }

    private static io.restassured.response.Response checkOut(String token, String code, Double lat, Double lng) {
        return as(token).body(attendance(code, lat, lng)).post("/api/v1/me/check-out");
    }

    private static Map<String, Object> attendance(String code, Double lat, Double lng) {
        Map<String, Object> b = new HashMap<>();
        b.put("code", code);
        if (lat != null) {
            b.put("lat", lat);
            b.put("lng", lng);
        }
        return b;
    }

    private static byte[] secretOf(String activity) throws SQLException {
        try (var c = TestStack.superuser();
                var st = c.prepareStatement("SELECT secret FROM activity_attendance_secret WHERE activity_id = ?")) {
            st.setObject(1, UUID.fromString(activity));
            try (var rs = st.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBytes(1);
            }
        }
    }
}
