package org.yimeng.volunteer.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.volunteerToken;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Engagement;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Cancellations racing sign-ups for the last places: the count and the rows always agree, never over capacity. */
@QuarkusTest
class SignupCancelConcurrencyTest {

    @Test
    void cancelsRacingSignUpsForAFullActivityKeepCountAndRowsInStep() throws Exception {
        String community = Fixtures.community("371302");
        Instant start = Instant.now().plus(Duration.ofDays(5));
        String a = Engagement.activity(community, "FAIR", start, start.plus(Duration.ofHours(2)), 5);
        List<String> leaving = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String v = Fixtures.volunteer(community, null);
            Engagement.signUp(a, v).then().statusCode(201);
            leaving.add(v);
        }
        List<String> joining = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            joining.add(Fixtures.volunteer(community, null));
        }
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String j = joining.get(i);
            calls.add(() -> {
                var r = as(volunteerToken(j)).body("{}").post("/api/v1/activities/" + a + "/signups");
                return r.statusCode() == 201 ? "join 201" : "join " + r.statusCode() + " " + r.path("code");
            });
            if (i < 5) {
                String l = leaving.get(i);
                calls.add(() -> "leave " + as(volunteerToken(l)).delete("/api/v1/me/signups/" + a).statusCode());
            }
        }
        Map<String, Integer> outcomes = run(calls);

        assertEquals(5, outcomes.get("leave 204"), outcomes.toString());
        int joined = outcomes.getOrDefault("join 201", 0);
        assertEquals(10, joined + outcomes.getOrDefault("join 409 ACTIVITY_FULL", 0), outcomes.toString());
        assertTrue(joined <= 5, outcomes.toString());
        long rows = Fixtures.count("activity_signup WHERE activity_id = '" + a + "'");
        assertEquals(joined, rows);
        assertEquals(1, Fixtures.count("activity WHERE id = '" + a + "' AND signups = " + rows));
    }

    private static Map<String, Integer> run(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            Map<String, Integer> outcomes = new HashMap<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                outcomes.merge(f.get(), 1, Integer::sum);
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
