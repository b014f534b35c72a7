package org.yimeng.donation.ledger;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.donation.Fixtures.as;
import static org.yimeng.donation.Fixtures.donate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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
import io.restassured.response.Response;

/** What auditors read: entries, balances, statements, export, verify, digests, the public report; and who may. */
@QuarkusTest
class LedgerReadApiTest {
    @Inject
    ObjectMapper mapper;

    @Inject
    LedgerService ledger;

    @Inject
    DigestService digests;

    static UUID community;

    @BeforeEach
    void setUp() {
        if (community == null) {
            community = Fixtures.community(mapper, "371311");
        }
    }

    private static Response gift(UUID community, long amountFen, String occurredAt) {
        Response r = donate(UUID.randomUUID().toString(), "{\"communityId\":\"" + community + "\",\"amountFen\":" + amountFen
                + ",\"channel\":\"CASH\",\"occurredAt\":\"" + occurredAt + "\"}");
        r.then().statusCode(201);
        return r;
    }

    @Test
    void statementsFollowAsiaShanghaiDaysHalfOpen() {
        UUID c = Fixtures.community(mapper, "371311");
        gift(c, 1, "2025-05-16T15:59:59.999999Z");  // 2025-05-16 23:59:59.999999 in Shanghai
        gift(c, 10, "2025-05-16T16:00:00Z");        // 2025-05-17 00:00 in Shanghai
        gift(c, 100, "2025-05-17T15:59:59.999999Z"); // last instant of 05-17
        gift(c, 1000, "2025-05-17T16:00:00Z");      // 2025-05-18 00:00
        String spec = "/api/v1/ledger/communities/" + c + "/statement";
        as("AUDITOR").queryParam("from", "2025-05-17").queryParam("to", "2025-05-18").get(spec).then().statusCode(200)
                .body("openingFen", equalTo(1)).body("inFen", equalTo(110)).body("outFen", equalTo(0))
                .body("closingFen", equalTo(111)).body("entryCount", equalTo(2));
        as("AUDITOR").queryParam("from", "2025-05-16").queryParam("to", "2025-05-19").get(spec).then()
                .body("openingFen", equalTo(0)).body("inFen", equalTo(1111)).body("closingFen", equalTo(1111));
        as("AUDITOR").queryParam("from", "2025-05-18").queryParam("to", "2025-05-19").get(spec).then()
                .body("openingFen", equalTo(111)).body("inFen", equalTo(1000)).body("entryCount", equalTo(1));
        // a disbursement today counts as out
        LedgerService.await(ledger.disburse(c, UUID.randomUUID(), 5, "饮用水", UUID.randomUUID()));
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        as("AUDITOR").queryParam("from", today).queryParam("to", tomorrow).get(spec).then()
                .body("openingFen", equalTo(1111)).body("outFen", equalTo(5)).body("closingFen", equalTo(1106));
        String csv = as("AUDITOR").accept("text/csv").queryParam("from", "2025-05-17").queryParam("to", "2025-05-18")
                .get(spec).then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(5, lines.length, csv); // headers, opening, two entries, totals
        assertTrue(lines[0].startsWith("\uFEFF序号,条目编号,类型,发生时间,记账时间,收入（分）,收入（元）"), lines[0]);
        assertTrue(lines[1].startsWith("期初余额,") && lines[1].contains(",1,0.01,"), lines[1]);
        assertTrue(lines[2].contains(",捐赠,2025-05-17 00:00:00,") && lines[2].contains(",10,0.10,0,0.00,0,0.00,11,0.11,"),
                lines[2]);
        assertTrue(lines[3].contains(",2025-05-17 23:59:59,") && lines[3].contains(",100,1.00,0,0.00,0,0.00,111,1.11,"),
                lines[3]);
        assertTrue(lines[4].startsWith("合计（期末余额）,,,,,110,1.10,0,0.00,0,0.00,111,1.11,"), lines[4]);
        as("AUDITOR").queryParam("from", "2025-05-18").queryParam("to", "2025-05-18").get(spec).then().statusCode(422);
        as("AUDITOR").queryParam("from", "2025-05-18").get(spec).then().statusCode(422);
        as("AUDITOR").queryParam("from", "18.05.2025").queryParam("to", "2025-05-19").get(spec).then()
                .statusCode(not(equalTo(500)));
    }

    @Test
    void balanceAsOfCountsEntriesThatOccurredBefore() {
        UUID c = Fixtures.community(mapper, "371311");
        long first = gift(c, 300, "2025-06-01T00:00:00Z").jsonPath().getLong("sequence");
        gift(c, 400, "2025-06-02T00:00:00Z");
        String spec = "/api/v1/ledger/communities/" + c + "/balance";
        as("AUDITOR").queryParam("asOf", "2025-06-01T00:00:00Z").get(spec).then().statusCode(200)
                .body("balanceFen", equalTo(0)).body("lastSequence", equalTo(null));
        as("AUDITOR").queryParam("asOf", "2025-06-01T00:00:00.000001Z").get(spec).then()
                .body("balanceFen", equalTo(300)).body("lastSequence", equalTo((int) first))
                .body("asOf", equalTo("2025-06-01T00:00:00.000001Z"));
        as("AUDITOR").get(spec).then().body("balanceFen", equalTo(700)).body("communityId", equalTo(c.toString()));
        as("AUDITOR").get("/api/v1/ledger/communities/" + UUID.randomUUID() + "/balance").then().statusCode(404);
    }

    @Test
    void entryPagesNeitherRepeatNorSkipWhileEntriesAreAppended() throws Exception {
        UUID c = Fixtures.community(mapper, "371311");
        for (int i = 0; i < 25; i++) {
            Fixtures.donateTo(c, 1 + i);
        }
        List<String> before = as("AUDITOR").queryParam("communityId", c).queryParam("limit", 500).get("/api/v1/ledger/entries")
                .path("items.entryId");
        assertEquals(25, before.size());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            writers.add(pool.submit(() -> Fixtures.donateTo(c, 7)));
        }
        List<String> seen = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        String cursor = null;
        do {
            var req = as("AUDITOR").queryParam("communityId", c).queryParam("type", "DONATION").queryParam("limit", 4);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            Response page = req.get("/api/v1/ledger/entries");
            page.then().statusCode(200);
            seen.addAll(page.path("items.entryId"));
            page.jsonPath().getList("items.sequence", Long.class).forEach(sequences::add);
            cursor = page.path("nextCursor");
            Thread.sleep(5);
        } while (cursor != null);
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no repeats");
        assertTrue(seen.containsAll(before), "no skips");
        for (int i = 1; i < sequences.size(); i++) {
            assertTrue(sequences.get(i) > sequences.get(i - 1), "in sequence order");
        }
        as("AUDITOR").queryParam("cursor", "garbage!").get("/api/v1/ledger/entries").then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
        as("AUDITOR").queryParam("limit", 501).get("/api/v1/ledger/entries").then().statusCode(422);
        as("AUDITOR").queryParam("type", "GIFT").get("/api/v1/ledger/entries").then().statusCode(not(equalTo(500)));
        as("AUDITOR").queryParam("communityId", c).queryParam("from", "2100-01-01T00:00:00Z").get("/api/v1/ledger/entries")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    /**
     * Time-range pages start at the first entry recorded at `from` and look for gifts back-dated across `to` apart
     * (V6): every entry that occurred in the range is listed once, in sequence order, whether it was recorded inside
     * the range or days later, and whatever the page size.
     */
    @Test
    void timeRangePagesListEntriesRecordedLaterButBackDatedIntoTheRange() {
        UUID c = Fixtures.community(mapper, "371311");
        java.time.Instant now = java.time.Instant.now();
        String threeDaysAgo = now.minus(Duration.ofDays(3)).toString();
        String yesterday = now.minus(Duration.ofDays(1)).toString();
        // recorded now, in this order: back-dated three days, today, back-dated a day, back-dated three days
        long a = gift(c, 11, threeDaysAgo).jsonPath().getLong("sequence");
        long b = gift(c, 12, now.toString()).jsonPath().getLong("sequence");
        long d = gift(c, 13, yesterday).jsonPath().getLong("sequence");
        long e = gift(c, 14, threeDaysAgo).jsonPath().getLong("sequence");
        String fourDaysAgo = now.minus(Duration.ofDays(4)).toString();
        String twoDaysAgo = now.minus(Duration.ofDays(2)).toString();
        String soon = now.plus(Duration.ofHours(1)).toString();
        assertEquals(List.of(a, e), pages(c, fourDaysAgo, twoDaysAgo, 1));
        assertEquals(List.of(a, d, e), pages(c, fourDaysAgo, now.minus(Duration.ofHours(1)).toString(), 2));
        assertEquals(List.of(a, b, d, e), pages(c, fourDaysAgo, soon, 1));
        assertEquals(List.of(a, b, d, e), pages(c, fourDaysAgo, null, 3));
        assertEquals(List.of(b, d), pages(c, twoDaysAgo, soon, 1));
        assertEquals(List.of(a, d, e), pages(c, null, now.minus(Duration.ofHours(1)).toString(), 2));
        // the same without a community: the range spans every community's entries, ours among them in order
        List<Long> all = new ArrayList<>();
        String cursor = null;
        do {
            var req = as("AUDITOR").queryParam("from", fourDaysAgo).queryParam("to", twoDaysAgo).queryParam("limit", 50);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            Response page = req.get("/api/v1/ledger/entries");
            page.then().statusCode(200);
            all.addAll(page.jsonPath().getList("items.sequence", Long.class));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertTrue(all.containsAll(List.of(a, e)) && !all.contains(b) && !all.contains(d), all.toString());
        assertEquals(all.stream().sorted().distinct().toList(), all, "in sequence order, no repeats");
    }

    private static List<Long> pages(UUID c, String from, String to, int limit) {
        List<Long> out = new ArrayList<>();
        String cursor = null;
        do {
            var req = as("AUDITOR").queryParam("communityId", c).queryParam("limit", limit);
            if (from != null) {
                req.queryParam("from", from);
            }
            if (to != null) {
                req.queryParam("to", to);
            }
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            Response page = req.get("/api/v1/ledger/entries");
            page.then().statusCode(200);
            out.addAll(page.jsonPath().getList("items.sequence", Long.class));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return out;
    }

    @Test
    void exportCarriesEverythingTheHashNeedsAsNdjsonAndCsv() throws Exception {
        Fixtures.donateTo(community, 123);
        String ndjson = as("AUDITOR").accept("application/x-ndjson").get("/api/v1/ledger/export").then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).extract().asString();
        String prev = ChainHash.GENESIS;
        long expected = 1;
        for (String line : ndjson.split("\n")) {
            JsonNode e = mapper.readTree(line);
            assertEquals(expected++, e.get("sequence").asLong());
            assertEquals(prev, e.get("prevHash").asText());
            String hashLine = String.join("|", e.get("sequence").asText(), e.get("entryId").asText(), e.get("type").asText(),
                    e.get("communityId").asText(), e.get("debitAccount").asText(), e.get("creditAccount").asText(),
                    e.get("amountFen").asText(), e.get("occurredAt").asText(), e.get("recordedAt").asText(),
                    e.get("reversalOf").isNull() ? "" : e.get("reversalOf").asText(), e.get("prevHash").asText());
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(hashLine.getBytes(StandardCharsets.UTF_8)));
            assertEquals(hash, e.get("hash").asText(), hashLine);
            // every account the writer chained is in the one spelling Account formats
            for (String side : new String[] {"debitAccount", "creditAccount"}) {
                assertEquals(e.get(side).asText(), Account.parse(e.get(side).asText()).format(), hashLine);
            }
            prev = hash;
        }
        String csv = as("AUDITOR").accept("text/csv").queryParam("fromSequence", 2).queryParam("toSequence", 3)
                .get("/api/v1/ledger/export").then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] rows = csv.split("\r\n");
        assertEquals("sequence,entryId,type,communityId,debitAccount,creditAccount,amountFen,occurredAt,recordedAt,"
                + "reversalOf,prevHash,hash", rows[0]);
        assertEquals(3, rows.length);
        String[] cells = rows[1].split(",", -1);
        String csvLine = String.join("|", java.util.Arrays.copyOf(cells, 11));
        assertEquals(cells[11], ChainHash.sha256Hex(csvLine));
        as("AUDITOR").queryParam("fromSequence", 5).queryParam("toSequence", 4).get("/api/v1/ledger/export").then().statusCode(422);
        as("AUDITOR").queryParam("fromSequence", 0).get("/api/v1/ledger/verify").then().statusCode(422);
        as("CITY_ADMIN").get("/api/v1/ledger/export").then().statusCode(403);
        as("COLLECTOR").get("/api/v1/ledger/verify").then().statusCode(403);
    }

    @Test
    void verifyReportsTheHeadAndPartialRanges() {
        Fixtures.donateTo(community, 5);
        Response all = as("FINANCE").get("/api/v1/ledger/verify");
        all.then().statusCode(200).body("valid", equalTo(true)).body("firstInvalidSequence", equalTo(null));
        long head = all.jsonPath().getLong("headSequence");
        // a second implementation of the rule, in SQL, agrees with every stored hash
        assertEquals(0, Fixtures.count("ledger_entry e WHERE hash <> encode(sha256(convert_to(ledger_entry_line(e), 'UTF8')), 'hex')"));
        assertEquals(head, all.jsonPath().getLong("checked"));
        as("AUDITOR").queryParam("fromSequence", head).queryParam("toSequence", head).get("/api/v1/ledger/verify").then()
                .body("valid", equalTo(true)).body("checked", equalTo(1)).body("headHash", equalTo(all.path("headHash")));
        // a range that ends before the head still reports the chain's real head, not the range's end
        Fixtures.donateTo(community, 6);
        long newHead = Fixtures.number("SELECT sequence FROM chain_head");
        assertTrue(newHead > head);
        as("AUDITOR").queryParam("fromSequence", 1).queryParam("toSequence", head).get("/api/v1/ledger/verify").then()
                .body("valid", equalTo(true)).body("checked", equalTo((int) head))
                .body("headSequence", equalTo((int) newHead))
                .body("headHash", equalTo(Fixtures.text("SELECT hash FROM chain_head")));
    }

    @Test
    void digestPinsTheHeadAndIsPublished() throws Exception {
        Fixtures.donateTo(community, 9);
        var digest = digests.digestNow().orElseThrow();
        assertEquals(Fixtures.number("SELECT sequence FROM chain_head"), digest.headSequence());
        assertEquals(1, Fixtures.count("ledger_digest WHERE head_sequence = " + digest.headSequence()));
        assertTrue(digests.digestNow().isEmpty(), "no new digest while the head has not moved");
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        boolean found = false;
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DIGESTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!found && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(300))) {
                    JsonNode n = mapper.readTree(r.value());
                    found |= "chain".equals(r.key()) && n.path("headSequence").asLong() == digest.headSequence()
                            && digest.headHash().equals(n.path("headHash").asText());
                }
            }
        }
        assertTrue(found, "LedgerDigest on ledger.digests.v1");
        as("AUDITOR").get("/api/v1/ledger/verify").then().body("valid", equalTo(true));
    }

    @Test
    void scopedAdminsReadOnlyTheirOwnCommunityOrCounty() {
        UUID other = Fixtures.community(mapper, "371312");
        Fixtures.donateTo(community, 11);
        Fixtures.donateTo(other, 13);
        Map<String, String> own = Map.of("community", community.toString());
        as("COMMUNITY_ADMIN", own).get("/api/v1/ledger/communities/" + community + "/balance").then().statusCode(200);
        as("COMMUNITY_ADMIN", own).get("/api/v1/ledger/communities/" + other + "/balance").then().statusCode(403);
        List<String> seen = as("COMMUNITY_ADMIN", own).queryParam("limit", 500).get("/api/v1/ledger/entries").then()
                .statusCode(200).extract().path("items.communityId");
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().allMatch(community.toString()::equals));
        Map<String, String> county = Map.of("county", "371312");
        as("COUNTY_ADMIN", county).get("/api/v1/ledger/communities/" + other + "/balance").then().statusCode(200);
        as("COUNTY_ADMIN", county).get("/api/v1/ledger/communities/" + community + "/balance").then().statusCode(403);
        as("COUNTY_ADMIN", county).queryParam("communityId", community).get("/api/v1/ledger/entries").then().statusCode(403);
        as("COLLECTOR").get("/api/v1/ledger/entries").then().statusCode(403);
        as("VOLUNTEER").get("/api/v1/ledger/communities/" + community + "/balance").then().statusCode(403);
        RestAssured.given().get("/api/v1/ledger/entries").then().statusCode(401);
    }

    @Test
    void publicFundReportShowsTotalsAndSpendingWithoutPersonalDetails() {
        UUID c = Fixtures.community(mapper, "371311");
        donate(UUID.randomUUID().toString(), "{\"communityId\":\"" + c + "\",\"amountFen\":1000,\"channel\":\"CASH\","
                + "\"donorName\":\"赵敏\",\"donorPhone\":\"13700001234\"}").then().statusCode(201);
        String reversed = Fixtures.donateTo(c, 50).path("entryId");
        as("FINANCE").body("{\"reason\":\"误录\"}").post("/api/v1/ledger/entries/" + reversed + "/reversal").then().statusCode(201);
        UUID activity = UUID.randomUUID();
        LedgerService.await(ledger.disburse(c, activity, 300, "重阳节敬老活动", UUID.randomUUID()));
        String body = RestAssured.given().get("/public/v1/communities/" + c + "/fund").then().statusCode(200)
                .body("donatedFen", equalTo(1050)).body("donationCount", equalTo(2)).body("spentFen", equalTo(300))
                .body("correctionsFen", equalTo(-50)).body("balanceFen", equalTo(700)).body("spending[0].activityId", equalTo(activity.toString()))
                .body("spending[0].title", equalTo("重阳节敬老活动")).body("spending[0].amountFen", equalTo(300))
                .extract().asString();
        assertFalse(body.contains("赵敏") || body.contains("1370000") || body.contains("donor"), body);
        RestAssured.given().get("/public/v1/communities/" + UUID.randomUUID() + "/fund").then().statusCode(404);
    }

    /**
     * One meaning of in and out (api.md "Settled details") in the three views of one fund that has donations, a
     * disbursement, a reversed donation and a reversed disbursement: the JSON statement, the people's statement CSV
     * and the public fund page show the same in (donations), out (disbursements) and corrections (signed
     * reversals), each equal to its plain definition computed here in SQL, and closing = opening + in - out +
     * corrections = the balance.
     */
    @Test
    void statementCsvAndPublicPageAgreeOnInOutAndCorrectionsWithReversalsOfBothKinds() throws Exception {
        UUID c = Fixtures.community(mapper, "371311");
        Fixtures.donateTo(c, 1000);
        String gift = Fixtures.donateTo(c, 70).path("entryId");
        as("FINANCE").body("{\"reason\":\"误录\"}").post("/api/v1/ledger/entries/" + gift + "/reversal").then().statusCode(201);
        UUID kept = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        LedgerService.await(ledger.disburse(c, kept, 300, "社区助餐", UUID.randomUUID()));
        LedgerCommand.Posted undone = LedgerService.await(ledger.disburse(c, cancelled, 200, "=义诊活动", UUID.randomUUID()));
        as("FINANCE").body("{\"reason\":\"活动取消\"}").post("/api/v1/ledger/entries/" + undone.entry().entryId() + "/reversal")
                .then().statusCode(201);

        String entries = "FROM ledger_entry WHERE community_id = '" + c + "'";
        long in = Fixtures.number("SELECT coalesce(sum(amount_fen), 0) " + entries + " AND type = 'DONATION'");
        long out = Fixtures.number("SELECT coalesce(sum(amount_fen), 0) " + entries + " AND type = 'DISBURSEMENT'");
        long corrections = Fixtures.number("SELECT coalesce(sum(CASE WHEN credit_account = 'community:" + c
                + ":fund' THEN amount_fen ELSE -amount_fen END), 0) " + entries + " AND type = 'REVERSAL'");
        assertEquals(List.of(1070L, 500L, 130L), List.of(in, out, corrections));

        RestAssured.given().get("/public/v1/communities/" + c + "/fund").then().statusCode(200)
                .body("donatedFen", equalTo((int) in)).body("donationCount", equalTo(2))
                .body("spentFen", equalTo((int) out)).body("correctionsFen", equalTo((int) corrections))
                .body("balanceFen", equalTo(700))
                .body("spending.size()", equalTo(2))
                .body("spending.find { it.activityId == '" + kept + "' }.reversed", equalTo(false))
                .body("spending.find { it.activityId == '" + cancelled + "' }.reversed", equalTo(true));

        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        String spec = "/api/v1/ledger/communities/" + c + "/statement?from=" + today + "&to=" + tomorrow;
        as("AUDITOR").get(spec).then().statusCode(200).body("openingFen", equalTo(0)).body("inFen", equalTo((int) in))
                .body("outFen", equalTo((int) out)).body("correctionsFen", equalTo((int) corrections))
                .body("closingFen", equalTo(700)).body("entryCount", equalTo(6));
        as("AUDITOR").get("/api/v1/ledger/communities/" + c + "/balance").then().statusCode(200)
                .body("balanceFen", equalTo(700));

        byte[] bytes = as("FINANCE").accept("text/csv").get(spec).then().statusCode(200).extract().asByteArray();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 BOM");
        List<org.apache.commons.csv.CSVRecord> rows;
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(
                new String(bytes, java.nio.charset.StandardCharsets.UTF_8).substring(1)))) {
            rows = parser.getRecords();
        }
        assertEquals(1 + 1 + 6 + 1, rows.size());
        org.apache.commons.csv.CSVRecord totals = rows.get(rows.size() - 1);
        assertEquals(List.of("合计（期末余额）", "1070", "10.70", "500", "5.00", "130", "1.30", "700", "7.00"),
                List.of(totals.get(0), totals.get(5), totals.get(6), totals.get(7), totals.get(8), totals.get(9),
                        totals.get(10), totals.get(11), totals.get(12)));
        long sumIn = 0;
        long sumOut = 0;
        long sumCorrections = 0;
        for (var row : rows.subList(2, rows.size() - 1)) {
            sumIn += Long.parseLong(row.get(5));
            sumOut += Long.parseLong(row.get(7));
            sumCorrections += Long.parseLong(row.get(9));
        }
        assertEquals(List.of(in, out, corrections), List.of(sumIn, sumOut, sumCorrections), "rows add up to the totals");
        // what finance staff need on each row: receipt and channel, activity, the reversal's reason
        var reversedGift = rows.stream().filter(r -> r.get(16).equals("误录")).findFirst().orElseThrow();
        assertEquals(List.of("冲正", "-70", "-0.70", gift), List.of(reversedGift.get(2), reversedGift.get(9),
                reversedGift.get(10), reversedGift.get(17)));
        assertTrue(reversedGift.get(13).startsWith("AP-") && reversedGift.get(14).equals("微信"), reversedGift.toString());
        var returned = rows.stream().filter(r -> r.get(16).equals("活动取消")).findFirst().orElseThrow();
        assertEquals(List.of("200", "2.00", "'=义诊活动"), List.of(returned.get(9), returned.get(10), returned.get(15)));
        assertTrue(rows.stream().anyMatch(r -> r.get(2).equals("支出") && r.get(15).equals("社区助餐")
                && r.get(7).equals("300") && r.get(8).equals("3.00")));
    }

    @Test
    void openApiDescribesEveryLedgerOperation() {
        String doc = RestAssured.given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        for (String path : List.of("/api/v1/piggy-banks", "/api/v1/donations", "/api/v1/ledger/entries",
                "/api/v1/ledger/communities/{id}/balance", "/api/v1/ledger/communities/{id}/statement",
                "/api/v1/ledger/export", "/api/v1/ledger/verify", "/api/v1/ledger/entries/{entryId}/reversal",
                "/public/v1/communities/{id}/fund")) {
            assertTrue(doc.contains("\"" + path + "\""), path);
        }
        assertTrue(doc.contains("\"Idempotency-Key\""));
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
    }
}
