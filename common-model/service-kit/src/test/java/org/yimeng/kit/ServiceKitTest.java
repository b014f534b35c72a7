package org.yimeng.kit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.local.Tokens;
import org.yimeng.model.event.LedgerDigest;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** The shared plumbing, end to end on the real PostgreSQL and Kafka broker. */
@QuarkusTest
class ServiceKitTest {
    private static final String BODY = "{\"label\":\"one yuan\",\"amountFen\":100,\"channel\":\"CASH\"}";

    @Inject
    ObjectMapper mapper;

    private static String admin() {
        return TestStack.token("CITY_ADMIN");
    }

    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON);
    }

    @Test
    void servesOpenApiSwaggerHealthAndMetricsWithoutToken() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("\"Problem\""), containsString("bearer"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
        given().get("/q/metrics").then().statusCode(200).body(containsString("outbox_backlog"));
    }

    @Test
    void unknownPathIsProblemJson404() {
        given().auth().oauth2(admin()).get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"))
                .body("status", equalTo(404));
    }

    @Test
    void missingForgedAndExpiredTokensGet401ProblemJson() throws Exception {
        given().contentType(ContentType.JSON).body(BODY).post("/test/kit/effects").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        String forged = new Tokens(otherKey.generateKeyPair().getPrivate()).mint("CITY_ADMIN", Map.of());
        given().auth().oauth2(forged).contentType(ContentType.JSON).body(BODY).post("/test/kit/effects").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestStack.expiredToken("CITY_ADMIN")).get("/test/kit/effects").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not-a-jwt").get("/test/kit/effects").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void otherRoleGets403ProblemJson() {
        given().auth().oauth2(TestStack.token("AUDITOR")).get("/test/kit/effects").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void malformedJsonWrongTypesAndUnknownEnumsAre400WithoutInternals() {
        for (String bad : List.of("{\"label\":", "not json", "[1,2]", "{\"label\":\"x\",\"amountFen\":1.5,\"channel\":\"CASH\"}",
                "{\"label\":\"x\",\"amountFen\":\"100\",\"channel\":\"CASH\"}",
                "{\"label\":\"x\",\"amountFen\":100,\"channel\":\"GOLD\"}",
                "{\"label\":\"x\",\"amountFen\":99999999999999999999999,\"channel\":\"CASH\"}",
                "{\"label\":\"x\",\"amountFen\":null,\"channel\":\"CASH\"}",
                "{\"label\":[],\"amountFen\":1,\"channel\":\"CASH\"}")) {
            Response r = asAdmin().body(bad).post("/test/kit/effects");
            assertEquals(400, r.statusCode(), bad + " -> " + r.asString());
            assertEquals("application/problem+json", r.contentType().split(";")[0], bad);
            assertEquals("MALFORMED_REQUEST", r.path("code"), bad);
            String text = r.asString();
            assertTrue(!text.contains("Exception") && !text.contains("org.yimeng") && !text.contains("at "),
                    "no internals in " + text);
        }
        asAdmin().body("{\"label\":\"x\",\"amountFen\":100,\"channel\":\"GOLD\"}").post("/test/kit/effects").then()
                .body("violations[0].field", equalTo("channel"));
        assertEquals(0, count("kit_probe_effect WHERE label = 'x'"));
    }

    @Test
    void validationFailuresAre422WithViolationsAndWriteNothing() {
        asAdmin().body("{\"label\":\"\",\"amountFen\":0,\"channel\":\"CASH\",\"tags\":[\"\"]}").post("/test/kit/effects")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("violations.field", hasItem("label")).body("violations.field", hasItem("amountFen"));
        asAdmin().body("{\"amountFen\":5,\"channel\":\"CASH\"}").post("/test/kit/effects").then().statusCode(422)
                .body("violations.field", hasItem("label"));
        asAdmin().post("/test/kit/effects").then().statusCode(422).contentType("application/problem+json");
        asAdmin().contentType(ContentType.TEXT).body("label=x").post("/test/kit/effects").then().statusCode(415)
                .contentType("application/problem+json");
        assertEquals(0, count("kit_probe_effect WHERE amount_fen IN (0, 5)"));
    }

    @Test
    void sameIdempotencyKeyAndBodyAnswersTheFirstResponseAgain() {
        String key = UUID.randomUUID().toString();
        String body = "{\"label\":\"idem-same\",\"amountFen\":7,\"channel\":\"WECHAT\"}";
        Response first = asAdmin().header("Idempotency-Key", key).body(body).post("/test/kit/effects");
        first.then().statusCode(201);
        // same JSON, other formatting and field order: still the same request
        Response again = asAdmin().header("Idempotency-Key", key)
                .body("{ \"channel\":\"WECHAT\", \"amountFen\":7, \"label\":\"idem-same\" }").post("/test/kit/effects");
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.path("id").toString(), again.path("id").toString());
        assertEquals(1, count("kit_probe_effect WHERE label = 'idem-same'"));
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs422AndWritesNothing() {
        String key = UUID.randomUUID().toString();
        asAdmin().header("Idempotency-Key", key).body("{\"label\":\"idem-a\",\"amountFen\":7,\"channel\":\"CASH\"}")
                .post("/test/kit/effects").then().statusCode(201);
        asAdmin().header("Idempotency-Key", key).body("{\"label\":\"idem-b\",\"amountFen\":8,\"channel\":\"CASH\"}")
                .post("/test/kit/effects").then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(0, count("kit_probe_effect WHERE label = 'idem-b'"));
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyWriteOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String token = admin();
        String body = "{\"label\":\"idem-race\",\"amountFen\":9,\"channel\":\"CASH\"}";
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(body).post("/test/kit/effects").statusCode());
        }
        Set<Integer> statuses = new HashSet<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertTrue(Set.of(201, 409).containsAll(statuses), "only 201 or 409 in flight: " + statuses);
        assertTrue(statuses.contains(201));
        assertEquals(1, count("kit_probe_effect WHERE label = 'idem-race'"));
    }

    @Test
    void keysetPagesNeitherRepeatNorSkipWhileRowsAreAdded() {
        for (int i = 0; i < 7; i++) {
            asAdmin().body("{\"label\":\"page\",\"amountFen\":1,\"channel\":\"CASH\"}").post("/test/kit/effects").then()
                    .statusCode(201);
        }
        List<String> before = allIds(500);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean inserted = false;
        do {
            var req = asAdmin().queryParam("limit", 3);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            Response page = req.get("/test/kit/effects");
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            if (!inserted) { // rows added between pages
                asAdmin().body("{\"label\":\"page-late\",\"amountFen\":1,\"channel\":\"CASH\"}").post("/test/kit/effects");
                inserted = true;
            }
        } while (cursor != null);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no repeats");
        assertTrue(seen.containsAll(before), "no skips");
        asAdmin().queryParam("cursor", "garbage!").get("/test/kit/effects").then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
        asAdmin().queryParam("limit", 501).get("/test/kit/effects").then().statusCode(422);
        asAdmin().queryParam("limit", "abc").get("/test/kit/effects").then().statusCode(not(equalTo(500)));
    }

    @Test
    void outboxEventReachesConsumerOverKafkaAndIsAppliedOnceWhenDeliveredTwice() throws Exception {
        asAdmin().body("{\"label\":\"outbox\",\"amountFen\":4242,\"channel\":\"CASH\"}").post("/test/kit/effects").then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("kit_probe_applied WHERE head_sequence = 4242") == 1);

        // the record as it is on the topic, with its headers
        var delivered = readFromTopic(KitProbeResource.TOPIC, r -> r.value().contains("\"headSequence\":4242"));
        assertEquals("LedgerDigest", new String(delivered.headers().lastHeader(Topics.HEADER_EVENT_TYPE).value(),
                StandardCharsets.UTF_8));
        String eventId = new String(delivered.headers().lastHeader(Topics.HEADER_EVENT_ID).value(), StandardCharsets.UTF_8);
        assertEquals(LedgerDigest.KEY, delivered.key());

        // deliver it again, then a fresh event behind it on the same partition (same key)
        LedgerDigest sentinel = LedgerDigest.of(4343, "outbox", java.time.Instant.now());
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(KitProbeResource.TOPIC, delivered.key(), delivered.value())).get();
            producer.send(new ProducerRecord<>(KitProbeResource.TOPIC, sentinel.key(), mapper.writeValueAsString(sentinel))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("kit_probe_applied WHERE head_sequence = 4343") == 1);
        assertEquals(1, count("kit_probe_applied WHERE event_id = '" + eventId + "'"));
        assertEquals(0, count("kit_outbox"), "relay deleted what it sent");
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of("bootstrap.servers",
                TestStack.kafkaBootstrapServers()))) {
            var groups = admin.listConsumerGroups().all().get().stream().map(g -> g.groupId()).toList();
            assertTrue(groups.contains("service-kit"), "the application consumes as its own group: " + groups);
        }
    }

    @Test
    void poisonRecordGoesToDeadLetterTopicAndConsumptionContinues() throws Exception {
        LedgerDigest poison = LedgerDigest.of(0, "poison", java.time.Instant.now());
        LedgerDigest after = LedgerDigest.of(4444, "poison", java.time.Instant.now());
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(KitProbeResource.TOPIC, "poison", "{not json")).get();
            producer.send(new ProducerRecord<>(KitProbeResource.TOPIC, "poison", mapper.writeValueAsString(poison))).get();
            producer.send(new ProducerRecord<>(KitProbeResource.TOPIC, "poison", mapper.writeValueAsString(after))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("kit_probe_applied WHERE head_sequence = 4444") == 1);
        assertEquals(0, count("kit_probe_applied WHERE head_sequence = 0"));
        var dead = readFromTopic(KitProbeResource.TOPIC + ".dlq", r -> "poison".equals(r.key()));
        assertTrue(dead.headers().lastHeader(Topics.HEADER_DLQ_REASON) != null);
    }

    private List<String> allIds(int limit) {
        return asAdmin().queryParam("limit", limit).get("/test/kit/effects").path("items.id");
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static ConsumerRecord<String, String> readFromTopic(String topic, Predicate<ConsumerRecord<String, String>> wanted) {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        p.put("group.id", "reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no such record on " + topic);
    }

    static long count(String fromWhere) {
        try (var c = TestStack.superuser(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM " + fromWhere)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
