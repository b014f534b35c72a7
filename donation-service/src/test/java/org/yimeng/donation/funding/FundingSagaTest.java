package org.yimeng.donation.funding;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.donation.Fixtures.count;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.model.event.FundingDecided;
import org.yimeng.model.event.FundingRequested;
import org.yimeng.model.event.ReversalRecorded;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The ledger's side of the activity funding saga, over the real broker: decided once per requestId, answered once. */
@QuarkusTest
class FundingSagaTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void fundingIsApprovedOnceEvenWhenTheRequestIsDeliveredTwiceAndSentAgainWithANewEventId() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        Fixtures.donateTo(community, 1000);
        UUID activity = UUID.randomUUID();
        FundingRequested request = FundingRequested.of(UUID.randomUUID(), activity, community, 600, "重阳节敬老活动");
        FundingRequested resent = new FundingRequested(UUID.randomUUID(), FundingRequested.TYPE, Instant.now(), 1,
                request.requestId(), activity, community, 600, "重阳节敬老活动");
        Fixtures.publish(mapper, Topics.FUNDING_REQUESTS, request, request, resent);
        awaitProcessed(resent.eventId());

        assertEquals(1, count("funding_decision WHERE request_id = '" + request.requestId() + "' AND approved"));
        assertEquals(1, count("disbursement WHERE request_id = '" + request.requestId() + "'"));
        assertEquals(1, count("ledger_entry WHERE type = 'DISBURSEMENT' AND community_id = '" + community + "'"));
        assertEquals(400, Fixtures.fundBalance(community));

        List<FundingDecided> decisions = decisions(request.requestId());
        assertEquals(1, decisions.size(), "one FundingDecided per request");
        FundingDecided d = decisions.get(0);
        assertTrue(d.approved());
        assertEquals(400, d.balanceAfterFen());
        assertEquals(activity, d.activityId());
        assertEquals(community, d.communityId());
        assertNull(d.reason());
        assertEquals(1, count("ledger_entry WHERE entry_id = '" + d.entryId() + "' AND type = 'DISBURSEMENT' "
                + "AND credit_account = 'activity:" + activity + ":spending' AND amount_fen = 600"));
        // an approval carries its disbursement's sequence
        assertEquals(Fixtures.number("SELECT sequence FROM ledger_entry WHERE entry_id = '" + d.entryId() + "'"),
                d.sequence());

        // the public report lists what the money paid for, under the request's purpose
        RestAssured.get("/public/v1/communities/" + community + "/fund").then().statusCode(200)
                .body("spentFen", equalTo(600)).body("balanceFen", equalTo(400))
                .body("spending", hasSize(1))
                .body("spending[0].activityId", equalTo(activity.toString()))
                .body("spending[0].title", equalTo("重阳节敬老活动"))
                .body("spending[0].amountFen", equalTo(600));
        RestAssured.given().auth().oauth2(org.yimeng.local.TestStack.token("AUDITOR")).get("/api/v1/ledger/verify")
                .then().statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void fundingIsRejectedWhenTheFundDoesNotCoverItAndTheRejectionIsFinal() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        Fixtures.donateTo(community, 300);
        FundingRequested request = FundingRequested.of(UUID.randomUUID(), UUID.randomUUID(), community, 500, "应急物资");
        Fixtures.publish(mapper, Topics.FUNDING_REQUESTS, request);
        awaitProcessed(request.eventId());

        FundingDecided d = decisions(request.requestId()).get(0);
        assertFalse(d.approved());
        assertEquals("INSUFFICIENT_FUNDS", d.reason());
        assertEquals(300, d.balanceAfterFen());
        assertNull(d.entryId());
        // a rejection carries the head's sequence at the decision, and the balance is the fund's as of it
        long donated = Fixtures.number("SELECT max(sequence) FROM ledger_entry WHERE community_id = '" + community + "'");
        assertTrue(d.sequence() >= donated, "sequence " + d.sequence() + " before the donation " + donated);
        assertEquals(300, fundThrough(community, d.sequence()));
        assertEquals(0, count("disbursement WHERE request_id = '" + request.requestId() + "'"));

        // more money arrives, the same request comes again with a new eventId: still the first decision
        Fixtures.donateTo(community, 1000);
        FundingRequested again = new FundingRequested(UUID.randomUUID(), FundingRequested.TYPE, Instant.now(), 1,
                request.requestId(), request.activityId(), community, 500, "应急物资");
        Fixtures.publish(mapper, Topics.FUNDING_REQUESTS, again);
        awaitProcessed(again.eventId());
        assertEquals(1300, Fixtures.fundBalance(community));
        assertEquals(1, decisions(request.requestId()).size());
        assertEquals(0, count("ledger_entry WHERE type = 'DISBURSEMENT' AND community_id = '" + community + "'"));
    }

    @Test
    void requestsForAnUnknownCommunityOrWithoutAnAmountAreRejectedWithTheReason() throws Exception {
        FundingRequested unknown = FundingRequested.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 100, "茶水");
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        FundingRequested zero = FundingRequested.of(UUID.randomUUID(), UUID.randomUUID(), community, 0, "茶水");
        Fixtures.publish(mapper, Topics.FUNDING_REQUESTS, unknown, zero);
        awaitProcessed(unknown.eventId());
        awaitProcessed(zero.eventId());
        FundingDecided u = decisions(unknown.requestId()).get(0);
        assertFalse(u.approved());
        assertEquals("UNKNOWN_COMMUNITY", u.reason());
        FundingDecided z = decisions(zero.requestId()).get(0);
        assertFalse(z.approved());
        assertEquals("INVALID_AMOUNT", z.reason());
    }

    @Test
    void aRequestThatArrivesBeforeItsCommunityWaitsForIt() throws Exception {
        UUID community = UUID.randomUUID();
        FundingRequested early = FundingRequested.of(UUID.randomUUID(), UUID.randomUUID(), community, 100, "茶水");
        Fixtures.publish(mapper, Topics.FUNDING_REQUESTS, early);
        awaitProcessed(early.eventId());
        assertEquals(0, count("funding_decision WHERE request_id = '" + early.requestId() + "'"));
        assertEquals(1, count("funding_parked WHERE request_id = '" + early.requestId() + "'"));
        Fixtures.announce(mapper, org.yimeng.model.event.CommunityChanged.of(community, Fixtures.COUNTY, "新社区", "COMMUNITY", false));
        // decided against the community's (empty) fund, not rejected as unknown
        FundingDecided d = decisions(early.requestId()).get(0);
        assertFalse(d.approved());
        assertEquals("INSUFFICIENT_FUNDS", d.reason());
        await().atMost(Duration.ofSeconds(10)).until(() -> count("funding_parked WHERE request_id = '" + early.requestId() + "'") == 0);
    }

    @Test
    void reversingADisbursementPublishesReversalRecordedWithTheActivityAndTheNewBalance() throws Exception {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        UUID gift = UUID.fromString(Fixtures.donateTo(community, 1000).path("entryId"));
        UUID activity = UUID.randomUUID();
        FundingRequested request = FundingRequested.of(UUID.randomUUID(), activity, community, 600, "敬老午餐");
        Fixtures.publish(mapper, Topics.FUNDING_REQUESTS, request);
        awaitProcessed(request.eventId());
        FundingDecided d = decisions(request.requestId()).get(0);
        assertTrue(d.approved());

        var reversal = Fixtures.as("FINANCE").body("{\"reason\":\"活动取消\"}")
                .post("/api/v1/ledger/entries/" + d.entryId() + "/reversal").then().statusCode(201).extract();
        UUID reversalId = UUID.fromString(reversal.path("entryId"));
        long reversalSequence = ((Number) reversal.path("sequence")).longValue();
        ReversalRecorded r = reversalEvent(reversalId);
        assertEquals(reversalSequence, r.sequence());
        assertEquals(community, r.communityId());
        assertEquals(d.entryId(), r.reversalOf());
        assertEquals(600, r.amountFen());
        assertEquals(1000, r.balanceAfterFen());
        assertEquals(activity, r.activityId());
        assertTrue(d.sequence() < r.sequence());

        // a reversed donation names no activity
        var back = Fixtures.as("FINANCE").body("{\"reason\":\"重复录入\"}")
                .post("/api/v1/ledger/entries/" + gift + "/reversal").then().statusCode(201).extract();
        ReversalRecorded g = reversalEvent(UUID.fromString(back.path("entryId")));
        assertEquals(gift, g.reversalOf());
        assertNull(g.activityId());
        assertEquals(0, g.balanceAfterFen());
        assertEquals(0, Fixtures.fundBalance(community));
    }

    private ReversalRecorded reversalEvent(UUID entryId) throws Exception {
        List<ConsumerRecord<String, String>> records = Fixtures.recordsContaining(Topics.DONATIONS, entryId.toString(),
                1, Duration.ofMillis(500));
        assertEquals(1, records.size(), "one ReversalRecorded for " + entryId);
        ConsumerRecord<String, String> rec = records.get(0);
        assertEquals(ReversalRecorded.TYPE, new String(rec.headers().lastHeader(Topics.HEADER_EVENT_TYPE).value()));
        ReversalRecorded r = mapper.readValue(rec.value(), ReversalRecorded.class);
        assertEquals(r.communityId().toString(), rec.key());
        return r;
    }

    private static long fundThrough(UUID community, long sequence) {
        return Fixtures.number("SELECT coalesce(sum(CASE WHEN credit_account = 'community:" + community
                + ":fund' THEN amount_fen ELSE -amount_fen END), 0) FROM ledger_entry WHERE community_id = '" + community
                + "' AND sequence <= " + sequence);
    }

    private static void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("kit_processed_event WHERE event_id = '" + eventId + "'") == 1);
    }

    /** Every FundingDecided published for the request (read until the topic stays quiet for 2 s). */
    private List<FundingDecided> decisions(UUID requestId) throws Exception {
        List<ConsumerRecord<String, String>> records = Fixtures.recordsContaining(Topics.FUNDING_DECISIONS,
                requestId.toString(), 1, Duration.ofSeconds(2));
        List<FundingDecided> out = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            FundingDecided d = mapper.readValue(r.value(), FundingDecided.class);
            assertEquals(d.communityId().toString(), r.key());
            out.add(d);
        }
        return out;
    }
}
