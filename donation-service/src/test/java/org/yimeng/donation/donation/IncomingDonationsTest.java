package org.yimeng.donation.donation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.donation.Fixtures.count;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.model.DonationChannel;
import org.yimeng.model.event.DonationReceived;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Donations over Kafka (ledger.incoming-donations.v1), on the real broker: once per key across HTTP and Kafka. */
@QuarkusTest
class IncomingDonationsTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void aKeySentOverHttpAndThenOverKafkaWithTheSameBodyIsOneDonation() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String key = "wx-" + UUID.randomUUID();
        DonationReceived e = received(key, null, community, 500, "WECHAT",
                new DonationReceived.Donor("张三", "13800138000", false));
        Response http = Fixtures.donate(key, "{\"communityId\":\"" + community + "\",\"amountFen\":500,\"channel\":\"WECHAT\","
                + "\"donorName\":\"张三\",\"donorPhone\":\"13800138000\",\"occurredAt\":\"" + micros(e) + "\"}");
        http.then().statusCode(201);
        Fixtures.publish(mapper, Topics.INCOMING_DONATIONS, e);
        awaitProcessed(e.eventId());
        assertEquals(1, count("donation WHERE idempotency_key = '" + key + "'"));
        assertEquals(500, Fixtures.fundBalance(community));
        assertEquals(1, count("ledger_entry WHERE community_id = '" + community + "'"));
        assertTrue(Fixtures.recordsContaining(Topics.INCOMING_DONATIONS_DLQ, key, 1, Duration.ofMillis(500)).isEmpty(),
                "the same body is a replay, not a reuse");
    }

    @Test
    void aKeySentOverHttpAndThenOverKafkaWithAnotherDonorIsReusedAndRecordsNothingMore() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String key = "wx-" + UUID.randomUUID();
        DonationReceived e = received(key, null, community, 500, "WECHAT",
                new DonationReceived.Donor("李四", "13800138000", false));
        Fixtures.donate(key, "{\"communityId\":\"" + community + "\",\"amountFen\":500,\"channel\":\"WECHAT\","
                + "\"donorName\":\"张三\",\"donorPhone\":\"13800138000\",\"occurredAt\":\"" + micros(e) + "\"}")
                .then().statusCode(201);
        Fixtures.publish(mapper, Topics.INCOMING_DONATIONS, e);
        // a dead-lettered record is not recorded as processed: wait for it on the DLQ
        List<ConsumerRecord<String, String>> dlq = Fixtures.recordsContaining(Topics.INCOMING_DONATIONS_DLQ,
                e.eventId().toString(), 1, Duration.ofMillis(500));
        assertReason(dlq, e.eventId().toString(), "IDEMPOTENCY_KEY_REUSED");
        assertEquals(1, count("donation WHERE idempotency_key = '" + key + "'"));
        assertEquals(500, Fixtures.fundBalance(community));
    }

    @Test
    void aKeySentOverKafkaAndThenOverHttpIsOneDonationAndHttpReplaysIt() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String code = Fixtures.piggyBank(community);
        String key = "box-" + UUID.randomUUID();
        DonationReceived e = received(key, code.toLowerCase(), null, 1234, "CASH", null);
        Fixtures.publish(mapper, Topics.INCOMING_DONATIONS, e);
        awaitProcessed(e.eventId());
        assertEquals(1234, Fixtures.fundBalance(community));
        String entryId = entryOf(key);

        Fixtures.donate(key, "{\"piggyBankCode\":\"" + code + "\",\"amountFen\":1234,\"channel\":\"CASH\","
                + "\"occurredAt\":\"" + micros(e) + "\"}")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("entryId", org.hamcrest.Matchers.equalTo(entryId));
        assertEquals(1, count("ledger_entry WHERE community_id = '" + community + "'"));
        assertEquals(1234, Fixtures.fundBalance(community));
    }

    private static String micros(DonationReceived e) {
        return org.yimeng.donation.ledger.ChainHash.instant(org.yimeng.donation.ledger.ChainHash.truncate(e.occurredAt()));
    }

    @Test
    void redeliveredRecordsChangeNothing() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String key = "pay-" + UUID.randomUUID();
        DonationReceived e = received(key, null, community, 700, "ALIPAY", null);
        DonationReceived resent = new DonationReceived(UUID.randomUUID(), DonationReceived.TYPE, e.occurredAt(),
                1, key, null, community, 700, "ALIPAY", null);
        Fixtures.publish(mapper, Topics.INCOMING_DONATIONS, e, e, resent);
        awaitProcessed(resent.eventId());
        Fixtures.publish(mapper, Topics.INCOMING_DONATIONS, e);
        DonationReceived marker = received("pay-" + UUID.randomUUID(), null, community, 1, "ALIPAY", null);
        Fixtures.publish(mapper, Topics.INCOMING_DONATIONS, marker); // same key → same partition, after the redelivery
        awaitProcessed(marker.eventId());
        assertEquals(1, count("donation WHERE idempotency_key = '" + key + "'"));
        assertEquals(701, Fixtures.fundBalance(community));
        // one DonationRecorded per recorded donation, none for the replays
        assertEquals(2, Fixtures.recordsContaining(Topics.DONATIONS, community.toString(), 2, Duration.ofSeconds(2)).size());
    }

    @Test
    void anInvalidRecordGoesToTheDlqWithTheReasonAndTheNextValidRecordIsStillRecorded() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String k = community.toString();
        String reused = "reuse-" + UUID.randomUUID();
        DonationReceived first = received(reused, null, community, 100, "BANK", null);
        DonationReceived tooMuch = received("big-" + UUID.randomUUID(), null, community, 10_000_001, "BANK", null);
        DonationReceived badChannel = received("ch-" + UUID.randomUUID(), null, community, 100, "PAYPAL", null);
        DonationReceived otherMoney = received(reused, null, community, 101, "BANK", null);
        DonationReceived unknownBox = received("pb-" + UUID.randomUUID(), "PB-ZZZZZZZZ", null, 100, "CASH", null);
        DonationReceived next = received("ok-" + UUID.randomUUID(), null, community, 250, "BANK", null);
        Fixtures.publish(mapper, Topics.INCOMING_DONATIONS, first, tooMuch, badChannel, otherMoney);
        // a piggy-bank code as key lands on another partition; send it under the community's key to keep the order
        Fixtures.sendRaw(Topics.INCOMING_DONATIONS, k, json(unknownBox), "{not json", json(next));
        awaitProcessed(next.eventId());
        assertEquals(1, count("donation WHERE idempotency_key = '" + reused + "'"));
        assertEquals(1, count("donation WHERE idempotency_key = '" + next.idempotencyKey() + "'"));
        assertEquals(350, Fixtures.fundBalance(community));

        List<ConsumerRecord<String, String>> dlq = Fixtures.recordsContaining(Topics.INCOMING_DONATIONS_DLQ, "", 1,
                Duration.ofSeconds(3)).stream().filter(r -> k.equals(r.key())).toList();
        assertEquals(5, dlq.size(), dlq.toString());
        assertReason(dlq, tooMuch.eventId().toString(), "VALIDATION_FAILED: amountFen");
        assertReason(dlq, badChannel.eventId().toString(), "VALIDATION_FAILED: channel");
        assertReason(dlq, otherMoney.eventId().toString(), "IDEMPOTENCY_KEY_REUSED");
        assertReason(dlq, unknownBox.eventId().toString(), "UNKNOWN_PIGGY_BANK");
        assertReason(dlq, "{not json", "unreadable DonationReceived");
    }

    @Test
    void newRowsCarryTheWholeBodyFingerprintAndV2sSqlIsStillTheLegacyOneJavaComputes() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String code = Fixtures.piggyBank(community);
        Fixtures.donate(UUID.randomUUID().toString(), "{\"piggyBankCode\":\"" + code.toLowerCase()
                + "\",\"amountFen\":200,\"channel\":\"CASH\",\"donorName\":\" 李四 \"}").then().statusCode(201);
        String whole = DonationService.requestHash(code, null, 200, DonationChannel.CASH, "李四", null, false, null);
        assertEquals(1, count("donation d JOIN ledger_entry e ON e.entry_id = d.entry_id WHERE e.community_id = '"
                + community + "' AND d.request_hash = '" + whole + "'"));
        // rows recorded before keep V2's money-only hash; the replay check still recognises it
        String legacy = DonationService.legacyRequestHash(code, null, 200, DonationChannel.CASH);
        assertEquals(1, Fixtures.number("SELECT count(*) FROM (SELECT encode(sha256(convert_to('" + code
                + "' || E'\\n' || '' || E'\\n' || '200' || E'\\n' || 'CASH', 'UTF8')), 'hex') AS h) x WHERE h = '"
                + legacy + "'"));
    }

    private static void assertReason(List<ConsumerRecord<String, String>> dlq, String valueContains, String reason) {
        ConsumerRecord<String, String> r = dlq.stream().filter(x -> x.value().contains(valueContains)).findFirst()
                .orElseThrow(() -> new AssertionError("not on the DLQ: " + valueContains));
        String got = new String(r.headers().lastHeader(Topics.HEADER_DLQ_REASON).value(), StandardCharsets.UTF_8);
        assertTrue(got.startsWith(reason), got);
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static DonationReceived received(String key, String code, UUID community, long amountFen, String channel,
            DonationReceived.Donor donor) {
        return new DonationReceived(UUID.randomUUID(), DonationReceived.TYPE, Instant.now(), 1, key, code, community,
                amountFen, channel, donor);
    }

    private static String entryOf(String key) {
        try (var c = org.yimeng.local.TestStack.superuser(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT entry_id FROM donation WHERE idempotency_key = '" + key + "'")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitProcessed(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("kit_processed_event WHERE event_id = '" + eventId + "'") == 1);
    }
}
