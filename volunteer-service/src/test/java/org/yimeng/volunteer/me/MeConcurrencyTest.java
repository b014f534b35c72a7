package org.yimeng.volunteer.me;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Self-registration races: one person is one record, whoever registers them and however often. */
@QuarkusTest
class MeConcurrencyTest {

    @Test
    void twentySimultaneousSelfRegistrationsOfOnePersonMakeOneRecord() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        String phone = Fixtures.phone();
        String sub = Residents.sub();
        String token = Residents.token(sub, phone);
        String id = Fixtures.idNumber();
        Map<String, Object> body = Residents.body(community, "并发");
        body.put("idNumber", id);
        Map<String, Integer> outcomes = run(IntStream.range(0, 20).<Callable<String>>mapToObj(i -> () -> outcome(
                as(token).body(body).post("/api/v1/me/volunteer"))).toList());
        assertEquals(Map.of("201", 1, "409 ALREADY_REGISTERED", 19), outcomes);
        assertEquals(1, Fixtures.count("volunteer WHERE phone = '" + phone + "'"));
        assertEquals(1, Fixtures.count("volunteer WHERE subject = '" + sub + "' AND id_number = '" + id + "'"));
    }

    @Test
    void aWorkerAndTheResidentRegisteringOnePhoneAtOnceMakeOneRecord() throws Exception {
        String community = Fixtures.community(Fixtures.COUNTY);
        for (int round = 0; round < 8; round++) {
            String phone = Fixtures.phone();
            String sub = Residents.sub();
            String token = Residents.token(sub, phone);
            Map<String, Integer> outcomes = run(List.of(
                    () -> "worker " + outcome(as(cityAdmin()).body(Map.of("name", "网格员登记", "phone", phone,
                            "communityId", community, "skills", List.of(), "consent", true)).post("/api/v1/volunteers")),
                    () -> "resident " + outcome(as(token).body(Residents.body(community, "自己注册"))
                            .post("/api/v1/me/volunteer"))));
            // either the worker came first and the resident linked that record, or the other way round
            assertTrue(Set.of(Map.of("worker 201", 1, "resident 200", 1),
                    Map.of("resident 201", 1, "worker 409 DUPLICATE_VOLUNTEER", 1)).contains(outcomes),
                    "round " + round + ": " + outcomes);
            assertEquals(1, Fixtures.count("volunteer WHERE phone = '" + phone + "'"));
            assertEquals(1, Fixtures.count("volunteer WHERE phone = '" + phone + "' AND subject = '" + sub + "'"));
        }
    }

    private static String outcome(Response r) {
        return r.statusCode() < 300 ? String.valueOf(r.statusCode()) : r.statusCode() + " " + r.path("code");
    }

    /** Starts every call at once (a latch), so that the requests really overlap. */
    private static Map<String, Integer> run(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> c : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
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
