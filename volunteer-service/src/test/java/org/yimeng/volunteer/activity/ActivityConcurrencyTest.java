package org.yimeng.volunteer.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimeng.volunteer.Engagement.activity;
import static org.yimeng.volunteer.Engagement.signUp;

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
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Sign-ups at capacity and overlapping sign-ups hold under concurrency. */
@QuarkusTest
class ActivityConcurrencyTest {
    private static final String COUNTY = "371322";

    @Test
    void twentySimultaneousSignUpsForFivePlacesGiveExactlyFive() throws Exception {
        String community = Fixtures.community(COUNTY);
        Instant start = Instant.now().plus(Duration.ofDays(4));
        String a = activity(community, "FAIR", start, start.plus(Duration.ofHours(2)), 5);
        List<String> volunteers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            volunteers.add(Fixtures.volunteer(community, null));
        }
        Map<String, Integer> outcomes = run(volunteers.stream().<Callable<String>>map(v -> () -> {
            var r = signUp(a, v);
            return r.statusCode() == 201 ? "201" : r.statusCode() + " " + r.path("code");
        }).toList());
        assertEquals(Map.of("201", 5, "409 ACTIVITY_FULL", 15), outcomes);
        assertEquals(5, Fixtures.count("activity_signup WHERE activity_id = '" + a + "'"));
        assertEquals(1, Fixtures.count("activity WHERE id = '" + a + "' AND signups = 5"));
    }

    @Test
    void simultaneousSignUpsOfOneVolunteerForOverlappingActivitiesGiveExactlyOne() throws Exception {
        String community = Fixtures.community(COUNTY);
        Instant start = Instant.now().plus(Duration.ofDays(6));
        String v = Fixtures.volunteer(community, null);
        List<String> activities = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            activities.add(activity(community, "REGULAR", start.plus(Duration.ofMinutes(i)),
                    start.plus(Duration.ofHours(2)), 5));
        }
        Map<String, Integer> outcomes = run(activities.stream().<Callable<String>>map(a -> () -> {
            var r = signUp(a, v);
            return r.statusCode() == 201 ? "201" : r.statusCode() + " " + r.path("code");
        }).toList());
        assertEquals(Map.of("201", 1, "409 OVERLAPPING_SIGNUP", 9), outcomes);
        assertEquals(1, Fixtures.count("activity_signup WHERE volunteer_id = '" + v + "'"));
    }

    private static Map<String, Integer> run(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<String>> futures = pool.invokeAll(calls);
            Map<String, Integer> outcomes = new HashMap<>();
            for (Future<String> f : futures) {
                outcomes.merge(f.get(), 1, Integer::sum);
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
