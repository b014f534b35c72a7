package org.yimeng.volunteer.fund;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimeng.volunteer.Engagement.activityBody;
import static org.yimeng.volunteer.Engagement.complete;
import static org.yimeng.volunteer.Engagement.signUp;
import static org.yimeng.volunteer.Fixtures.as;
import static org.yimeng.volunteer.Fixtures.cityAdmin;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimeng.local.TestStack;
import org.yimeng.model.event.DonationRecorded;
import org.yimeng.model.event.FundingDecided;
import org.yimeng.model.event.FundingRequested;
import org.yimeng.model.event.PlatformEvent;
import org.yimeng.model.event.ReversalRecorded;
import org.yimeng.model.event.Topics;
import org.yimeng.volunteer.Fixtures;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Funding of activities over Kafka: the request leaves through the outbox, the ledger's decision moves the activity
 * once, and the community's fund balance follows the ledger's events whatever the redeliveries.
 */
@QuarkusTest
class FundingApiTest {
    private static final String COUNTY = "371323";
    private static KafkaProducer<String, String> producer;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void open() {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private void send(String topic, PlatformEvent e) throws Exception {
        var record = new ProducerRecord<>(topic, e.key(), mapper.writeValueAsString(e));
        record.headers().add(Topics.HEADER_EVENT_ID, e.eventId().toString().getBytes());
        record.headers().add(Topics.HEADER_EVENT_TYPE, e.type().getBytes());
        producer.send(record).get();
    }

    /** Waits until the consumer has applied (or skipped as stale) the event: its id is recorded as processed. */
    private static void awaitProcessed(PlatformEvent e) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Fixtures.count("kit_processed_event WHERE event_id = '" + e.eventId() + "'") == 1);
    }

    private static Map<String, Object> fundedBody(String community, long fen) {
        Instant start = Instant.now().plus(Duration.ofDays(7));
        Map<String, Object> body = new HashMap<>(activityBody(community, "FAIR", start, start.plusSeconds(7200), 20,
                List.of()));
        body.put("fundingFen", fen);
        return body;
    }

    private static String status(String activity) {
        return as(cityAdmin()).get("/api/v1/activities/" + activity).then().statusCode(200).extract().path("status");
    }

    private static long balance(String community) {
        return ((Number) as(cityAdmin()).get("/api/v1/communities/" + community).then().statusCode(200).extract()
                .path("fundBalanceFen")).longValue();
    }

    @Test
    void fundedActivityWaitsForTheLedgerAndAnApprovalMovesItOnce() throws Exception {
        String community = Fixtures.community(COUNTY);
        var created = as(cityAdmin()).body(fundedBody(community, 12_345)).post("/api/v1/activities").then()
                .statusCode(201).body("status", equalTo("FUNDING_PENDING")).body("fundingFen", equalTo(12_345))
                .extract();
        String activity = created.path("id");
        UUID requestId = UUID.fromString(created.path("fundingRequestId"));

        FundingRequested request = readRequest(requestId);
        assertEquals(UUID.fromString(activity), request.activityId());
        assertEquals(UUID.fromString(community), request.communityId());
        assertEquals(12_345, request.amountFen());

        // pending: sign-ups yes, completion no
        signUp(activity, Fixtures.volunteer(community, null)).then().statusCode(201);
        complete(activity).then().statusCode(409).body("code", equalTo("INVALID_ACTIVITY_STATE"));

        FundingDecided approved = FundingDecided.of(requestId, UUID.fromString(activity), UUID.fromString(community),
                true, UUID.randomUUID(), null, 87_655, 3);
        send(Topics.FUNDING_DECISIONS, approved);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FUNDED".equals(status(activity)));
        assertEquals(87_655, balance(community));

        // the same event again, and a late contrary decision for the same request: nothing changes
        send(Topics.FUNDING_DECISIONS, approved);
        FundingDecided contrary = FundingDecided.of(requestId, UUID.fromString(activity), UUID.fromString(community),
                false, null, "late", 1, 2);
        send(Topics.FUNDING_DECISIONS, contrary);
        awaitProcessed(contrary);
        assertEquals("FUNDED", status(activity));
        assertEquals(87_655, balance(community));
        assertEquals(1, Fixtures.count("kit_processed_event WHERE event_id = '" + approved.eventId() + "'"));
    }

    @Test
    void rejectedFundingKeepsTheReasonAndClosesSignUps() throws Exception {
        String community = Fixtures.community(COUNTY);
        var created = as(cityAdmin()).body(fundedBody(community, 500_000)).post("/api/v1/activities").then()
                .statusCode(201).extract();
        String activity = created.path("id");
        UUID requestId = UUID.fromString(created.path("fundingRequestId"));
        send(Topics.FUNDING_DECISIONS, FundingDecided.of(requestId, UUID.fromString(activity),
                UUID.fromString(community), false, null, "INSUFFICIENT_FUNDS", 0, 9));
        await().atMost(Duration.ofSeconds(30)).until(() -> "FUNDING_REJECTED".equals(status(activity)));
        as(cityAdmin()).get("/api/v1/activities/" + activity).then().body("fundingReason", equalTo("INSUFFICIENT_FUNDS"));
        // a rejection moves no money: its balance is the fund's as of the decision
        assertEquals(0, balance(community));
        signUp(activity, Fixtures.volunteer(community, null)).then().statusCode(409)
                .body("code", equalTo("INVALID_ACTIVITY_STATE"));
        as(cityAdmin()).body(fundedBody(community, 10_000_001)).post("/api/v1/activities").then().statusCode(422);
    }

    @Test
    void fundBalanceFollowsTheNewestLedgerEventWhateverTheRedeliveries() throws Exception {
        String community = Fixtures.community(COUNTY);
        UUID c = UUID.fromString(community);
        Instant t = Instant.now();
        DonationRecorded d1 = donation(c, 101, 100, 1_000, t);
        DonationRecorded d2 = donation(c, 105, 200, 1_200, t.plusMillis(10));
        send(Topics.DONATIONS, d1);
        send(Topics.DONATIONS, d2);
        awaitProcessed(d2);
        assertEquals(1_200, balance(community));

        // an approved disbursement after d2 brings the balance down
        FundingDecided spent = new FundingDecided(UUID.randomUUID(), FundingDecided.TYPE, t.plusMillis(20), 1,
                UUID.randomUUID(), UUID.randomUUID(), c, true, UUID.randomUUID(), null, 700, 106);
        send(Topics.FUNDING_DECISIONS, spent);
        awaitProcessed(spent);
        assertEquals(700, balance(community));

        // redelivered (same event id) and stale (older sequence) donations change nothing
        send(Topics.DONATIONS, d2);
        DonationRecorded stale = donation(c, 101, 100, 1_000, t);
        send(Topics.DONATIONS, stale);
        awaitProcessed(stale);
        assertEquals(700, balance(community));

        // a later donation wins; then a decision of an older sequence (delivered late on its own topic) does not,
        // even though its clock says later: the ledger's order decides, never clocks
        DonationRecorded d3 = donation(c, 110, 50, 750, t.plusMillis(30));
        send(Topics.DONATIONS, d3);
        awaitProcessed(d3);
        FundingDecided late = new FundingDecided(UUID.randomUUID(), FundingDecided.TYPE, t.plusMillis(90), 1,
                UUID.randomUUID(), UUID.randomUUID(), c, true, UUID.randomUUID(), null, 1, 108);
        send(Topics.FUNDING_DECISIONS, late);
        awaitProcessed(late);
        assertEquals(750, balance(community));
    }

    @Test
    void reversedDisbursementShowsOnTheCommunityAsSoonAsItsEventArrivesAndWithdrawsTheFunding() throws Exception {
        String community = Fixtures.community(COUNTY);
        UUID c = UUID.fromString(community);
        var created = as(cityAdmin()).body(fundedBody(community, 3_000)).post("/api/v1/activities").then()
                .statusCode(201).extract();
        UUID activity = UUID.fromString(created.path("id"));
        UUID requestId = UUID.fromString(created.path("fundingRequestId"));
        send(Topics.DONATIONS, donation(c, 201, 5_000, 5_000, Instant.now()));
        UUID disbursement = UUID.randomUUID();
        FundingDecided approved = FundingDecided.of(requestId, activity, c, true, disbursement, null, 2_000, 202);
        send(Topics.FUNDING_DECISIONS, approved);
        await().atMost(Duration.ofSeconds(30)).until(() -> "FUNDED".equals(status(activity.toString())));
        assertEquals(2_000, balance(community));

        ReversalRecorded reversal = ReversalRecorded.of(UUID.randomUUID(), 203, c, disbursement, 3_000, 5_000, activity);
        send(Topics.DONATIONS, reversal);
        awaitProcessed(reversal);
        // read at once after the event was applied: no later donation needed
        assertEquals(5_000, balance(community));
        assertEquals("FUNDING_WITHDRAWN", status(activity.toString()));
        as(cityAdmin()).get("/api/v1/activities/" + activity).then().body("fundingReason", equalTo("REVERSED"));
    }

    @Test
    void anOlderSequenceDeliveredAfterANewerOneLeavesTheNewestBalance() throws Exception {
        String community = Fixtures.community(COUNTY);
        UUID c = UUID.fromString(community);
        ReversalRecorded newer = ReversalRecorded.of(UUID.randomUUID(), 310, c, UUID.randomUUID(), 400, 9_600, null);
        send(Topics.DONATIONS, newer);
        awaitProcessed(newer);
        assertEquals(9_600, balance(community));

        // the donation the reversal came after, and a rejection read before it, both arrive late
        DonationRecorded older = donation(c, 309, 400, 10_000, Instant.now().plusSeconds(60));
        FundingDecided olderReading = FundingDecided.of(UUID.randomUUID(), UUID.randomUUID(), c, false, null,
                "INSUFFICIENT_FUNDS", 9_000, 305);
        send(Topics.DONATIONS, older);
        send(Topics.FUNDING_DECISIONS, olderReading);
        awaitProcessed(older);
        awaitProcessed(olderReading);
        assertEquals(9_600, balance(community));
        assertEquals(1, Fixtures.count("community WHERE id = '" + c + "' AND fund_balance_seq = 310"));
    }

    @Inject
    FundBalance fundBalance;

    /**
     * The conditional UPDATE is what keeps the newest balance when two consumers (two replicas, the two topics) apply
     * a community's events at the same time, in any order: 40 events of shuffled sequences from 8 threads, each in
     * its own transaction, leave the highest sequence's balance.
     */
    @Test
    void concurrentEventsInAnyOrderLeaveTheHighestSequencesBalance() throws Exception {
        String community = Fixtures.community(COUNTY);
        UUID c = UUID.fromString(community);
        List<DonationRecorded> events = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            events.add(donation(c, 1_000 + i, 10, 10L * i, Instant.now()));
        }
        java.util.Collections.shuffle(events, new java.util.Random(13));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (DonationRecorded e : events) {
                done.add(pool.submit(() -> {
                    start.await();
                    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> fundBalance.apply(e));
                    return null;
                }));
            }
            start.countDown();
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(400, balance(community));
        assertEquals(1, Fixtures.count("community WHERE id = '" + c + "' AND fund_balance_seq = 1040"));
    }

    private static DonationRecorded donation(UUID community, long sequence, long amount, long balanceAfter, Instant at) {
        return new DonationRecorded(UUID.randomUUID(), DonationRecorded.TYPE, at, 1, UUID.randomUUID(), sequence,
                community, amount, "CASH", balanceAfter, "AP-2026-" + sequence);
    }

    private FundingRequested readRequest(UUID requestId) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        p.put("group.id", "reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.FUNDING_REQUESTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    FundingRequested e = mapper.readValue(r.value(), FundingRequested.class);
                    if (requestId.equals(e.requestId())) {
                        assertEquals(e.communityId().toString(), r.key());
                        return e;
                    }
                }
            }
        }
        throw new AssertionError("no FundingRequested " + requestId);
    }
}
