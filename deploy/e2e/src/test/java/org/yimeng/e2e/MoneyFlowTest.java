package org.yimeng.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimeng.local.LocalPlatform;
import org.yimeng.model.event.DonationReceived;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The money as a collector, a payment platform and a community worker move it, across both services and the real
 * broker: donations over HTTP and over Kafka (some keys on both paths, some replayed), two funding requests (one
 * covered, one not). Afterwards the ledger balance, volunteer-service's fundBalanceFen and the expected total agree,
 * with one entry per key and one decision per request — also when services are killed (-9), the broker is
 * restarted and the database is restarted in the middle of it.
 */
class MoneyFlowTest {
    static final String VOLUNTEER = "volunteer-service";
    static final String DONATION = "donation-service";
    static final int HTTP_KEYS = 500;
    static final int KAFKA_KEYS = 500;
    static final int SHARED_KEYS = 100; // sent over both paths
    static final int REPLAYS = 100; // HTTP keys sent twice, Kafka keys sent twice with a new event id
    static final long COVERED_FUNDING = 5_000;
    static final long UNCOVERED_FUNDING = 9_000_000;

    static LocalPlatform platform;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("platform.root", "../..")).toAbsolutePath().normalize();
        // hundreds of donations through one collector's token: the prod limits stay on, at figures it cannot meet
        platform = new LocalPlatform(root, Files.createTempDirectory("e2e-money"), 0, 0, 0, 0)
                .withServiceJvmArgs("-Dkit.rate-limit.writes.capacity=1000000", "-Dkit.rate-limit.public.capacity=1000000");
        platform.startPostgres();
        platform.startKafka();
        platform.startService(VOLUNTEER);
        platform.startService(DONATION);
        platform.awaitReady(VOLUNTEER, Duration.ofSeconds(120));
        platform.awaitReady(DONATION, Duration.ofSeconds(120));
        api = new Api(platform);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void balancesAgreeOnBothSidesWithOneEntryPerKeyAndOneDecisionPerRequest() throws Exception {
        run("calm", false);
    }

    @Test
    void balancesStillAgreeAfterServicesAreKilledAndTheBrokerAndDatabaseRestartMidBurst() throws Exception {
        run("faults", true);
    }

    private void run(String label, boolean faults) throws Exception {
        String cityAdmin = api.token("CITY_ADMIN", Map.of());
        String collector = api.token("COLLECTOR", Map.of());
        String auditor = api.token("AUDITOR", Map.of());

        Api.Answer community = api.post(VOLUNTEER, "/api/v1/communities", cityAdmin, Map.of("countyCode", "371302",
                "name", "资金测试社区-" + label + "-" + UUID.randomUUID().toString().substring(0, 8), "kind", "COMMUNITY"), Map.of());
        assertEquals(201, community.status(), String.valueOf(community.body()));
        String communityId = community.text("id");

        // the ledger learns the community over Kafka: a piggy-bank can be set up within seconds
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> api.post(DONATION,
                "/api/v1/piggy-banks", cityAdmin, Map.of("communityId", communityId, "label", "爱扑满", "place", "服务站"),
                Map.of()).status() == 201);

        String prefix = label + "-" + UUID.randomUUID() + "-";
        Map<String, Long> expected = new ConcurrentHashMap<>();
        List<String> httpKeys = new ArrayList<>();
        List<String> kafkaKeys = new ArrayList<>();
        for (int i = 0; i < HTTP_KEYS; i++) {
            httpKeys.add(prefix + "h" + i);
        }
        for (int i = 0; i < KAFKA_KEYS - SHARED_KEYS; i++) {
            kafkaKeys.add(prefix + "k" + i);
        }
        kafkaKeys.addAll(httpKeys.subList(0, SHARED_KEYS));
        for (String k : httpKeys) {
            expected.put(k, amount(k));
        }
        for (String k : kafkaKeys) {
            expected.put(k, amount(k));
        }

        AtomicInteger httpDone = new AtomicInteger();
        CountDownLatch someMoneyIn = new CountDownLatch(50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        List<String> httpSends = new ArrayList<>(httpKeys);
        httpSends.addAll(httpKeys.subList(HTTP_KEYS - REPLAYS, HTTP_KEYS));
        for (String key : httpSends) {
            work.add(pool.submit(() -> {
                donateOverHttp(collector, communityId, key);
                httpDone.incrementAndGet();
                someMoneyIn.countDown();
            }));
        }
        Future<?> kafkaSender = Executors.newSingleThreadExecutor().submit(() -> {
            donateOverKafka(communityId, kafkaKeys);
            return null;
        });
        Thread chaos = new Thread(() -> {
            if (faults) {
                chaos(httpDone, httpSends.size());
            }
        }, "chaos");
        chaos.start();

        // funding: one request the fund covers (once some money is in), one it never can
        assertTrue(someMoneyIn.await(120, TimeUnit.SECONDS), "first donations recorded");
        String covered = createFundedActivity(cityAdmin, communityId, COVERED_FUNDING, "covered");
        String uncovered = createFundedActivity(cityAdmin, communityId, UNCOVERED_FUNDING, "uncovered");

        for (Future<?> f : work) {
            f.get(5, TimeUnit.MINUTES);
        }
        kafkaSender.get(5, TimeUnit.MINUTES);
        chaos.join(TimeUnit.MINUTES.toMillis(3));
        pool.shutdown();

        long expectedBalance = expected.values().stream().mapToLong(Long::longValue).sum() - COVERED_FUNDING;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertEquals("FUNDED", status(cityAdmin, covered));
            assertEquals("FUNDING_REJECTED", status(cityAdmin, uncovered));
            assertEquals(expectedBalance, ledgerBalance(auditor, communityId));
            assertEquals(expectedBalance, volunteerSideBalance(cityAdmin, communityId));
        });
        Map<String, Integer> entries = countEntries(auditor, communityId);
        assertEquals(expected.size(), entries.getOrDefault("DONATION", 0), "one DONATION entry per idempotency key");
        assertEquals(1, entries.getOrDefault("DISBURSEMENT", 0), "one disbursement for the covered request");
        Api.Answer verify = api.get(DONATION, "/api/v1/ledger/verify", auditor);
        assertEquals(200, verify.status());
        assertTrue(verify.body().get("valid").asBoolean(), String.valueOf(verify.body()));
    }

    /** A collector retries until it has an answer, exactly as the contract allows: same key, same body. */
    private void donateOverHttp(String collector, String communityId, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("communityId", communityId);
        body.put("amountFen", amount(key));
        body.put("channel", "WECHAT");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            Api.Answer a = api.post(DONATION, "/api/v1/donations", collector, body, Map.of("Idempotency-Key", key));
            if (a.status() == 201) {
                return;
            }
            if (a.status() >= 400 && a.status() < 500 && a.status() != 409 && a.status() != 422) {
                throw new AssertionError("donation " + key + " refused: " + a.status() + " " + a.body());
            }
            if (a.status() == 422 && !"UNKNOWN_COMMUNITY".equals(a.text("code"))) {
                throw new AssertionError("donation " + key + " refused: " + a.body());
            }
            sleep(a.status() == 409 ? 100 : 500);
        }
        throw new AssertionError("donation " + key + " never answered 201");
    }

    private static void donateOverKafka(String communityId, List<String> keys) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", platform.kafkaBootstrapServers());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("delivery.timeout.ms", "180000");
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sends = new ArrayList<>();
            int i = 0;
            for (String key : keys) {
                var event = new DonationReceived(UUID.randomUUID(), DonationReceived.TYPE, Instant.now(), 1, key, null,
                        UUID.fromString(communityId), amount(key), "WECHAT", null);
                String json = Api.JSON.writeValueAsString(event);
                sends.add(producer.send(new ProducerRecord<>(Topics.INCOMING_DONATIONS, communityId, json)));
                if (i++ < REPLAYS) { // the same record delivered twice, and the same gift reported again
                    sends.add(producer.send(new ProducerRecord<>(Topics.INCOMING_DONATIONS, communityId, json)));
                    var again = new DonationReceived(UUID.randomUUID(), DonationReceived.TYPE, Instant.now(), 1, key,
                            null, UUID.fromString(communityId), amount(key), "WECHAT", null);
                    sends.add(producer.send(new ProducerRecord<>(Topics.INCOMING_DONATIONS, communityId,
                            Api.JSON.writeValueAsString(again))));
                }
                if (i % 50 == 0) {
                    Thread.sleep(20); // spread the burst over the chaos window
                }
            }
            for (Future<?> f : sends) {
                f.get(4, TimeUnit.MINUTES);
            }
        }
    }

    private static void chaos(AtomicInteger progress, int total) {
        try {
            awaitProgress(progress, total / 4);
            platform.killService(DONATION);
            sleep(1000);
            platform.startService(DONATION);
            platform.awaitReady(DONATION, Duration.ofSeconds(120));

            awaitProgress(progress, total / 2);
            platform.stopKafka();
            sleep(4000);
            platform.startKafka();

            awaitProgress(progress, total * 2 / 3);
            platform.killService(VOLUNTEER);
            sleep(1000);
            platform.startService(VOLUNTEER);
            platform.awaitReady(VOLUNTEER, Duration.ofSeconds(120));

            // the database both services share goes away under load: writes fail whole (503, retried with the same
            // key), pools and consumers recover without a restart of the services
            awaitProgress(progress, total * 5 / 6);
            platform.stopPostgres();
            sleep(3000);
            platform.startPostgres();
        } catch (Exception e) {
            throw new IllegalStateException("chaos", e);
        }
    }

    private String createFundedActivity(String token, String communityId, long fundingFen, String title) {
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("communityId", communityId);
        body.put("kind", "REGULAR");
        body.put("title", "资金申请 " + title);
        body.put("place", "社区服务站");
        body.put("startsAt", start.toString());
        body.put("endsAt", start.plus(2, ChronoUnit.HOURS).toString());
        body.put("capacity", 10);
        body.put("skills", List.of());
        body.put("fundingFen", fundingFen);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) { // volunteer-service may be restarting
            Api.Answer a = api.post(VOLUNTEER, "/api/v1/activities", token, body, Map.of());
            if (a.status() == 201) {
                assertEquals("FUNDING_PENDING", a.text("status"));
                return a.text("id");
            }
            if (a.status() > 0 && a.status() < 500) {
                throw new AssertionError("activity refused: " + a.status() + " " + a.body());
            }
            sleep(500);
        }
        throw new AssertionError("activity never created");
    }

    private String status(String token, String activityId) {
        return api.get(VOLUNTEER, "/api/v1/activities/" + activityId, token).text("status");
    }

    private long ledgerBalance(String auditor, String communityId) {
        Api.Answer a = api.get(DONATION, "/api/v1/ledger/communities/" + communityId + "/balance", auditor);
        return a.status() == 200 ? a.body().get("balanceFen").asLong() : Long.MIN_VALUE;
    }

    private long volunteerSideBalance(String token, String communityId) {
        Api.Answer a = api.get(VOLUNTEER, "/api/v1/communities/" + communityId, token);
        return a.status() == 200 ? a.body().get("fundBalanceFen").asLong() : Long.MIN_VALUE;
    }

    private Map<String, Integer> countEntries(String auditor, String communityId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        String cursor = null;
        do {
            Api.Answer page = api.get(DONATION, "/api/v1/ledger/entries?limit=500&communityId=" + communityId
                    + (cursor == null ? "" : "&cursor=" + cursor), auditor);
            assertEquals(200, page.status(), String.valueOf(page.body()));
            for (JsonNode e : page.body().get("items")) {
                assertTrue(seen.add(e.get("entryId").asText()), "entry listed twice");
                counts.merge(e.get("type").asText(), 1, Integer::sum);
            }
            JsonNode next = page.body().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return counts;
    }

    /** Amounts vary by key so that a lost or doubled gift changes the total. */
    static long amount(String key) {
        return 100 + Math.floorMod(key.hashCode(), 9) * 50L;
    }

    private static void awaitProgress(AtomicInteger progress, int target) {
        while (progress.get() < target) {
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
