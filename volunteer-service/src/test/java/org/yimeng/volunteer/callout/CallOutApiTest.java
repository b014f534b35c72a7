package org.yimeng.volunteer.callout;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Engagement.at;
import static org.yimeng.volunteer.Fixtures.as;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.TestClocks;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Emergency call-outs end to end: asked in waves, answered once, the last place taken by exactly one. */
@QuarkusTest
class CallOutApiTest {
    @Inject
    BusinessClock clock;

    @Inject
    CallOuts callOuts;

    @AfterEach
    void backToRealTime() {
        TestClocks.reset(clock);
    }

    record Setup(String community, String organiser, String sub, String activity, List<String> volunteers, Instant start) {
    }

    private Setup emergency(int capacity, int volunteers) {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        List<String> vs = new ArrayList<>();
        for (int i = 0; i < volunteers; i++) {
            vs.add(Fixtures.volunteer(community, grid));
        }
        String sub = Fixtures.unique("organiser");
        String organiser = TestStack.token("COMMUNITY_ADMIN", Map.of("community", community, "sub", sub));
        LocalDate day = Fixtures.today().plusDays(5);
        Instant start = at(day, 14, 0);
        String activity = as(organiser).body(Engagement.activityBody(community, "EMERGENCY", start, at(day, 16, 0),
                capacity, List.of())).post("/api/v1/activities").then().statusCode(201).extract().path("id");
        return new Setup(community, organiser, sub, activity, vs, start);
    }

    private static String callOut(Setup s, int waveSize) {
        return as(s.organiser()).body(Map.of("waveSize", waveSize)).post("/api/v1/activities/" + s.activity() + "/call-out")
                .then().statusCode(202).extract().path("callOutId");
    }

    @Test
    void theCommunitysVolunteersAreAskedAtOnceAndTheOrganiserSeesWhoAnsweredAndHowFast() {
        Setup s = emergency(2, 3);
        Instant t = s.start().minus(Duration.ofHours(3));
        TestClocks.fix(clock, t);
        JsonPath started = as(s.organiser()).body(Map.of("waveSize", 3))
                .post("/api/v1/activities/" + s.activity() + "/call-out").then().statusCode(202).extract().jsonPath();
        String callOut = started.getString("callOutId");
        assertEquals(new HashSet<>(s.volunteers()), new HashSet<>(started.getList("asked.volunteerId")));
        String first = s.volunteers().get(0);
        as(Fixtures.volunteerToken(first)).get("/api/v1/me/notifications").then().statusCode(200)
                .body("items[0].kind", equalTo("CALL_OUT")).body("items[0].urgent", equalTo(true));

        TestClocks.fix(clock, t.plusSeconds(90));
        as(Fixtures.volunteerToken(first)).post("/api/v1/me/call-outs/" + callOut + "/accept").then().statusCode(200)
                .body("answer", equalTo("ACCEPTED"));
        as(Fixtures.volunteerToken(first)).post("/api/v1/me/call-outs/" + callOut + "/accept").then().statusCode(409)
                .body("code", equalTo("CALL_OUT_ALREADY_ANSWERED"));
        as(Fixtures.volunteerToken(s.volunteers().get(1))).post("/api/v1/me/call-outs/" + callOut + "/decline").then()
                .statusCode(200).body("answer", equalTo("DECLINED"));
        as(Fixtures.volunteerToken(s.volunteers().get(1))).post("/api/v1/me/call-outs/" + callOut + "/accept").then()
                .statusCode(409).body("code", equalTo("CALL_OUT_ALREADY_ANSWERED"));

        JsonPath status = as(s.organiser()).get("/api/v1/activities/" + s.activity() + "/call-out").then().statusCode(200)
                .body("freePlaces", equalTo(1)).extract().jsonPath();
        Map<String, Object> a = status.getMap("asked.find { it.volunteerId == '" + first + "' }");
        assertEquals("ACCEPTED", a.get("answer"));
        assertEquals(90, ((Number) a.get("answerSeconds")).intValue());
        assertEquals(1, Fixtures.count("activity_signup WHERE activity_id = '" + s.activity() + "' AND volunteer_id = '"
                + first + "'"));
        as(s.organiser()).get("/api/v1/me/notifications").then().statusCode(200).body("unreadCount", equalTo(2))
                .body("items[0].kind", equalTo("CALL_OUT_ANSWERED"));
        as(Fixtures.volunteerToken(first)).get("/api/v1/me/call-outs").then().statusCode(200)
                .body("[0].callOutId", equalTo(callOut)).body("[0].open", equalTo(true));
    }

    @Test
    void twoVolunteersAcceptingTheLastPlaceAtOnceSignUpExactlyOne() throws Exception {
        Setup s = emergency(1, 2);
        String callOut = callOut(s, 2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String v : s.volunteers()) {
            String token = Fixtures.volunteerToken(v);
            answers.add(pool.submit(() -> {
                go.await();
                return as(token).post("/api/v1/me/call-outs/" + callOut + "/accept").then().extract().statusCode();
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : answers) {
            codes.add(f.get());
        }
        pool.shutdown();
        codes.sort(null);
        assertEquals(List.of(200, 409), codes);
        assertEquals(1, Fixtures.count("activity_signup WHERE activity_id = '" + s.activity() + "'"));
        assertEquals(1, Fixtures.count("call_out_ask WHERE call_out_id = '" + callOut + "' AND answer = 'ACCEPTED'"));
        assertEquals(1, Fixtures.count("call_out_ask WHERE call_out_id = '" + callOut + "' AND answer IS NULL"));
    }

    @Test
    void aDeclineAsksTheNextCandidateAndUnansweredAsksLeadToAWaveOnceTheWaitIsOver() throws Exception {
        Setup s = emergency(1, 3);
        Instant t = s.start().minus(Duration.ofHours(4));
        TestClocks.fix(clock, t);
        String callOut = callOut(s, 1);
        assertEquals(1, Fixtures.count("call_out_ask WHERE call_out_id = '" + callOut + "'"));
        String firstAsked = Fixtures.sqlText("SELECT volunteer_id FROM call_out_ask WHERE call_out_id = '" + callOut + "'");
        as(Fixtures.volunteerToken(firstAsked)).post("/api/v1/me/call-outs/" + callOut + "/decline").then().statusCode(200);
        assertEquals(2, Fixtures.count("call_out_ask WHERE call_out_id = '" + callOut + "'"));

        TestClocks.fix(clock, t.plus(Duration.ofMinutes(5)));
        QuarkusTransaction.requiringNew().call(callOuts::sendNextWaves);
        assertEquals(2, Fixtures.count("call_out_ask WHERE call_out_id = '" + callOut + "'"), "the ask is still awaited");
        TestClocks.fix(clock, t.plus(Duration.ofMinutes(11)));
        QuarkusTransaction.requiringNew().call(callOuts::sendNextWaves);
        QuarkusTransaction.requiringNew().call(callOuts::sendNextWaves);
        assertEquals(3, Fixtures.count("call_out_ask WHERE call_out_id = '" + callOut + "'"));
        Set<String> asked = new HashSet<>(as(s.organiser()).get("/api/v1/activities/" + s.activity() + "/call-out")
                .then().statusCode(200).body("waves", equalTo(3)).extract().jsonPath().getList("asked.volunteerId"));
        assertEquals(new HashSet<>(s.volunteers()), asked);
    }

    @Test
    void onlyEmergenciesAreCalledOutAndNoAnswerIsTakenOnceTheActivityStarted() {
        Setup s = emergency(2, 1);
        String callOut = callOut(s, 1);
        String v = s.volunteers().get(0);
        LocalDate day = Fixtures.today().plusDays(5);
        String regular = Engagement.activity(s.community(), "REGULAR", at(day, 8, 0), at(day, 9, 0), 3);
        as(s.organiser()).body(Map.of()).post("/api/v1/activities/" + regular + "/call-out").then().statusCode(409)
                .body("code", equalTo("NOT_AN_EMERGENCY"));
        as(s.organiser()).body(Map.of("waveSize", 0)).post("/api/v1/activities/" + s.activity() + "/call-out").then()
                .statusCode(422);

        TestClocks.fix(clock, s.start().plusSeconds(60));
        as(Fixtures.volunteerToken(v)).post("/api/v1/me/call-outs/" + callOut + "/accept").then().statusCode(409)
                .body("code", equalTo("CALL_OUT_CLOSED"));
        as(s.organiser()).body(Map.of()).post("/api/v1/activities/" + s.activity() + "/call-out").then().statusCode(409)
                .body("code", equalTo("CALL_OUT_CLOSED"));
        String stranger = Fixtures.volunteer(s.community(), null);
        as(Fixtures.volunteerToken(stranger)).post("/api/v1/me/call-outs/" + callOut + "/accept").then().statusCode(404);
        assertEquals(0, Fixtures.count("activity_signup WHERE activity_id = '" + s.activity() + "'"));
        assertTrue(Fixtures.count("call_out_ask WHERE call_out_id = '" + callOut + "' AND answer IS NOT NULL") == 0);
    }
}
