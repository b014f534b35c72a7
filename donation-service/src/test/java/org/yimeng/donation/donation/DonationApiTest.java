package org.yimeng.donation.donation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.donation.Fixtures.as;
import static org.yimeng.donation.Fixtures.count;
import static org.yimeng.donation.Fixtures.donate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.local.TestStack;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** POST /api/v1/donations: what it records, what it refuses (writing nothing), and exactly-once per key. */
@QuarkusTest
class DonationApiTest {
    @Inject
    ObjectMapper mapper;

    static UUID community;
    static String code;

    @BeforeEach
    void setUp() {
        if (community == null) {
            community = Fixtures.community(mapper, Fixtures.COUNTY);
            code = Fixtures.piggyBank(community);
        }
    }

    private String body(long amountFen) {
        return "{\"piggyBankCode\":\"" + code + "\",\"amountFen\":" + amountFen + ",\"channel\":\"CASH\"}";
    }

    @Test
    void recordsDonationAtPiggyBankWithEntryReceiptAndHash() {
        long before = Fixtures.fundBalance(community);
        Response r = donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code.toLowerCase()
                + "\",\"amountFen\":100,\"channel\":\"WECHAT\",\"donorName\":\"王芳\",\"donorPhone\":\"13812345678\"}");
        r.then().statusCode(201).body("communityId", equalTo(community.toString())).body("amountFen", equalTo(100))
                .body("receiptNo", matchesPattern("AP-\\d{4}-\\d{6,}")).body("hash", hasLength(64))
                .body("recordedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"))
                .body("sequence", notNullValue());
        String entryId = r.path("entryId");
        assertEquals(before + 100, Fixtures.fundBalance(community));
        assertEquals(1, count("ledger_entry WHERE entry_id = '" + entryId + "' AND type = 'DONATION' AND debit_account = "
                + "'city:donations-in' AND credit_account = 'community:" + community + ":fund'"));
        assertEquals(1, count("donor WHERE entry_id = '" + entryId + "' AND name = '王芳' AND phone = '13812345678'"));
    }

    @Test
    void sameKeyAndBodyAnswersTheFirstResponseAgain() {
        String key = UUID.randomUUID().toString();
        Response first = donate(key, body(200));
        first.then().statusCode(201);
        // the same request with other formatting and field order
        Response again = donate(key, "{ \"channel\":\"CASH\", \"amountFen\":200, \"piggyBankCode\":\"" + code + "\" }");
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        assertEquals(1, count("donation WHERE idempotency_key = '" + key + "'"));
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndWritesNothing() {
        String key = UUID.randomUUID().toString();
        donate(key, body(300)).then().statusCode(201);
        long entries = count("ledger_entry");
        donate(key, body(301)).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(entries, count("ledger_entry"));
    }

    @Test
    void sameKeyAndAmountWithAnotherDonorOrTimeIs422AndWritesNothing() {
        String key = UUID.randomUUID().toString();
        String base = "{\"piggyBankCode\":\"" + code + "\",\"amountFen\":300,\"channel\":\"CASH\"";
        donate(key, base + ",\"donorName\":\"王五\"}").then().statusCode(201);
        long entries = count("ledger_entry");
        for (String other : List.of(base + ",\"donorName\":\"赵六\"}", base + "}", base + ",\"donorName\":\"王五\","
                + "\"donorPhone\":\"13800138000\"}", base + ",\"donorName\":\"王五\",\"occurredAt\":\"2025-05-18T04:49:00Z\"}")) {
            donate(key, other).then().statusCode(422).contentType("application/problem+json")
                    .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        }
        // the name as stored (stripped) is the same body
        donate(key, base + ",\"donorName\":\" 王五 \"}").then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(entries, count("ledger_entry"));
        assertEquals(0, count("donor d JOIN donation n ON n.entry_id = d.entry_id WHERE n.idempotency_key = '" + key
                + "' AND d.name <> '王五'"));
    }

    @Test
    void concurrentDuplicatesOfOneKeyRecordOneEntry() throws Exception {
        String key = UUID.randomUUID().toString();
        String token = TestStack.token("COLLECTOR");
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            calls.add(() -> RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body(400)).post("/api/v1/donations"));
        }
        Set<String> entryIds = new HashSet<>();
        for (Future<Response> f : pool.invokeAll(calls)) {
            Response r = f.get();
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, r.asString());
            if (r.statusCode() == 201) {
                entryIds.add(r.path("entryId"));
            }
        }
        pool.shutdown();
        assertEquals(1, entryIds.size(), "every answer names the same entry");
        assertEquals(1, count("donation WHERE idempotency_key = '" + key + "'"));
    }

    @Test
    void missingOrMalformedIdempotencyKeyIsRefusedAndWritesNothing() {
        long entries = count("ledger_entry");
        as("COLLECTOR").body(body(100)).post("/api/v1/donations").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        donate("x".repeat(201), body(100)).then().statusCode(422);
        donate("bad key", body(100)).then().statusCode(422);
        assertEquals(entries, count("ledger_entry"));
    }

    @Test
    void badAmountsAndChannelsAreRefusedAndWriteNothing() {
        long entries = count("ledger_entry");
        for (String amount : List.of("0", "-1", "10000001")) {
            donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code + "\",\"amountFen\":" + amount
                    + ",\"channel\":\"CASH\"}").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"))
                    .body("violations[0].field", equalTo("amountFen"));
        }
        for (String amount : List.of("1.5", "\"100\"", "99999999999999999999", "true")) {
            donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code + "\",\"amountFen\":" + amount
                    + ",\"channel\":\"CASH\"}").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        }
        donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code + "\",\"channel\":\"CASH\"}").then()
                .statusCode(422);
        donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code + "\",\"amountFen\":100,\"channel\":\"GOLD\"}")
                .then().statusCode(400).body("violations[0].field", equalTo("channel"));
        donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code + "\",\"amountFen\":100}").then().statusCode(422);
        donate(UUID.randomUUID().toString(), "{not json").then().statusCode(400);
        donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code + "\",\"communityId\":\"" + community
                + "\",\"amountFen\":100,\"channel\":\"CASH\"}").then().statusCode(422);
        donate(UUID.randomUUID().toString(), "{\"amountFen\":100,\"channel\":\"CASH\"}").then().statusCode(422);
        donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code
                + "\",\"amountFen\":100,\"channel\":\"CASH\",\"anonymous\":true,\"donorName\":\"李\"}").then().statusCode(422);
        donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code
                + "\",\"amountFen\":100,\"channel\":\"CASH\",\"donorPhone\":\"12345\"}").then().statusCode(422);
        donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code
                + "\",\"amountFen\":100,\"channel\":\"CASH\",\"occurredAt\":\"2999-01-01T00:00:00Z\"}").then().statusCode(422);
        assertEquals(entries, count("ledger_entry"));
    }

    @Test
    void amountBoundsOneAndTenMillionFenAreAccepted() {
        donate(UUID.randomUUID().toString(), body(1)).then().statusCode(201).body("amountFen", equalTo(1));
        donate(UUID.randomUUID().toString(), body(10_000_000)).then().statusCode(201).body("amountFen", equalTo(10_000_000));
    }

    @Test
    void unknownPiggyBankUnknownCommunityAndRetiredPiggyBankAre422AndWriteNothing() {
        long entries = count("ledger_entry");
        String key = UUID.randomUUID().toString();
        donate(key, "{\"piggyBankCode\":\"PB-NOSUCH00\",\"amountFen\":100,\"channel\":\"CASH\"}").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_PIGGY_BANK"));
        donate(UUID.randomUUID().toString(), "{\"communityId\":\"" + UUID.randomUUID()
                + "\",\"amountFen\":100,\"channel\":\"CASH\"}").then().statusCode(422).body("code", equalTo("UNKNOWN_COMMUNITY"));
        String retired = Fixtures.piggyBank(community);
        String id = as("CITY_ADMIN").queryParam("communityId", community).queryParam("limit", 500).get("/api/v1/piggy-banks")
                .then().statusCode(200).extract().jsonPath().getString("items.find { it.code == '" + retired + "' }.id");
        as("CITY_ADMIN").post("/api/v1/piggy-banks/" + id + "/retire").then().statusCode(200).body("status", equalTo("RETIRED"));
        donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + retired + "\",\"amountFen\":100,\"channel\":\"CASH\"}")
                .then().statusCode(422).body("code", equalTo("PIGGY_BANK_RETIRED"));
        assertEquals(entries, count("ledger_entry"));
        // a refused key stored nothing: the same key may be used again for a good request
        donate(key, body(100)).then().statusCode(201);
    }

    @Test
    void onlyCollectorsMayDonate() {
        as("AUDITOR").header("Idempotency-Key", UUID.randomUUID().toString()).body(body(100)).post("/api/v1/donations")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        RestAssured.given().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body(100)).post("/api/v1/donations").then().statusCode(401);
    }

    @Test
    void anonymousGiftIsRecordedWithoutDonorDetails() {
        String entryId = donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code
                + "\",\"amountFen\":500,\"channel\":\"ALIPAY\",\"anonymous\":true}").then().statusCode(201).extract()
                .path("entryId");
        assertEquals(1, count("donation WHERE entry_id = '" + entryId + "' AND anonymous"));
        assertEquals(0, count("donor WHERE entry_id = '" + entryId + "'"));
    }

    @Test
    void erasingDonorDetailsLeavesTheEntryAndTheChainValid() {
        String entryId = donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code
                + "\",\"amountFen\":700,\"channel\":\"BANK\",\"donorName\":\"张伟\",\"donorPhone\":\"13900001111\"}")
                .then().statusCode(201).extract().path("entryId");
        String hash = as("AUDITOR").queryParam("communityId", community).queryParam("limit", 500).get("/api/v1/ledger/entries")
                .jsonPath().getString("items.find { it.entryId == '" + entryId + "' }.hash");
        as("AUDITOR").delete("/api/v1/donations/" + entryId + "/donor").then().statusCode(403);
        as("FINANCE").delete("/api/v1/donations/" + entryId + "/donor").then().statusCode(204);
        as("FINANCE").delete("/api/v1/donations/" + entryId + "/donor").then().statusCode(204);
        as("FINANCE").delete("/api/v1/donations/" + UUID.randomUUID() + "/donor").then().statusCode(404);
        assertEquals(0, count("donor WHERE entry_id = '" + entryId + "'"));
        assertEquals(1, count("ledger_entry WHERE entry_id = '" + entryId + "' AND hash = '" + hash + "'"));
        as("AUDITOR").get("/api/v1/ledger/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void recordedDonationIsPublishedAsDonationRecordedWithTheFundBalance() throws Exception {
        UUID own = Fixtures.community(mapper, Fixtures.COUNTY);
        Fixtures.donateTo(own, 250);
        var recorded = Fixtures.donateTo(own, 350);
        String entryId = recorded.path("entryId");
        String receiptNo = recorded.path("receiptNo");
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        JsonNode found = null;
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DONATIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(300))) {
                    JsonNode n = mapper.readTree(r.value());
                    if (entryId.equals(n.path("entryId").asText())) {
                        assertEquals(own.toString(), r.key());
                        found = n;
                    }
                }
            }
        }
        assertTrue(found != null, "DonationRecorded reached ledger.donations.v1");
        assertEquals("DonationRecorded", found.path("type").asText());
        assertEquals(350, found.path("amountFen").asLong());
        assertEquals(600, found.path("balanceAfterFen").asLong());
        assertEquals("WECHAT", found.path("channel").asText());
        assertEquals(receiptNo, found.path("receiptNo").asText(), "the payment platform shows the donor the receipt");
        assertNull(found.get("donorName"));
    }
}
