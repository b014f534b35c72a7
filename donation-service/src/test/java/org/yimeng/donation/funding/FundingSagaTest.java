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
