package org.yimeng.volunteer.pairing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The pairing invariants hold when requests race: the database decides, one request after another. */
@QuarkusTest
class PairingConcurrencyTest {

    @Test
    void twentySimultaneousPairingsOfOneHouseholdGiveExactlyOne201() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String h = Fixtures.household(community, grid);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bodies.add(Map.of("householdId", h, "volunteerIds",
                    List.of(Fixtures.volunteer(community, null), Fixtures.volunteer(community, null))));
        }
        List<Integer> statuses = race(bodies);
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1, Fixtures.count("pairing WHERE household_id = '" + h + "' AND status = 'ACTIVE'"));
        assertEquals(2, Fixtures.count("pairing_member m JOIN pairing p ON p.id = m.pairing_id WHERE p.household_id = '"
                + h + "'"));
    }

    @Test
    void racingOneVolunteerIntoManyPairingsNeverPassesTheCapacity() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        String grid = Fixtures.grid(community);
        String busy = Fixtures.volunteer(community, null);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add(Map.of("householdId", Fixtures.household(community, grid), "volunteerIds",
                    List.of(busy, Fixtures.volunteer(community, null))));
        }
        List<Integer> statuses = race(bodies);
        assertEquals(3, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(9, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(3, Fixtures.count("pairing_member WHERE volunteer_id = '" + busy + "' AND left_at IS NULL"));
    }

    /** Fires every body at once (released together by a latch) and returns the statuses. */
    private static List<Integer> race(List<Map<String, Object>> bodies) throws Exception {
        String token = Fixtures.cityAdmin();
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (Map<String, Object> body : bodies) {
            calls.add(() -> {
                start.await();
                return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/pairings")
                        .statusCode();
            });
        }
        List<Future<Integer>> futures = new ArrayList<>();
        for (Callable<Integer> c : calls) {
            futures.add(pool.submit(c));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : futures) {
            statuses.add(f.get());
        }
        pool.shutdown();
        return statuses;
    }
}
