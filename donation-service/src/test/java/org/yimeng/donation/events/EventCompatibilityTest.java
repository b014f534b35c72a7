package org.yimeng.donation.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.model.event.CommunityChanged;
import org.yimeng.model.event.DonationReceived;
import org.yimeng.model.event.DonationRecorded;
import org.yimeng.model.event.FundingDecided;
import org.yimeng.model.event.FundingRequested;
import org.yimeng.model.event.PlatformEvent;
import org.yimeng.model.event.ReversalRecorded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The events' JSON between the two services (events.md): what the common-model records write, this service's
 * ObjectMapper (the one its consumer uses) reads, field for field; a field added by a newer producer is ignored;
 * golden samples as volunteer-service and the payment platforms write them still read. If one side's JSON stops
 * reading on the other, this fails.
 */
@QuarkusTest
class EventCompatibilityTest {
    private static final UUID COMMUNITY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000c1");
    private static final UUID ACTIVITY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000a1");
    private static final UUID REQUEST = UUID.fromString("0196e1a2-0000-7000-8000-0000000000f1");

    @Inject
    ObjectMapper mapper;

    @Test
    void everyConsumedEventReadsBackFieldForFieldAndWithAnAddedField() throws Exception {
        List<PlatformEvent> events = List.of(
                CommunityChanged.of(COMMUNITY, "371302", "兰山街道金雀山社区", "COMMUNITY", true),
                FundingRequested.of(REQUEST, ACTIVITY, COMMUNITY, 50_000, "重阳节敬老活动"),
                new DonationReceived(UUID.randomUUID(), DonationReceived.TYPE, Instant.parse("2025-05-18T04:49:00.123456Z"), 1,
                        "wx-4200001234", null, COMMUNITY, 100, "WECHAT", new DonationReceived.Donor("张三", "13800138000", false)),
                new DonationReceived(UUID.randomUUID(), DonationReceived.TYPE, Instant.now(), 1, "box-1", "PB-7K3M9Q2X", null,
                        2350, "CASH", null),
                // and what this service writes for volunteer-service and others
                FundingDecided.of(REQUEST, ACTIVITY, COMMUNITY, true, UUID.randomUUID(), null, 12_300, 41),
                FundingDecided.of(REQUEST, ACTIVITY, COMMUNITY, false, null, "INSUFFICIENT_FUNDS", 300, 41),
                DonationRecorded.of(UUID.randomUUID(), 42, COMMUNITY, 100, "WECHAT", 12_400, "AP-2026-000042"),
                ReversalRecorded.of(UUID.randomUUID(), 43, COMMUNITY, UUID.randomUUID(), 12_300, 24_700, ACTIVITY));
        for (PlatformEvent e : events) {
            String json = mapper.writeValueAsString(e);
            assertEquals(e, mapper.readValue(json, e.getClass()), json);
            ObjectNode newer = (ObjectNode) mapper.readTree(json);
            newer.put("addedInAFutureVersion", "ignored");
            newer.putObject("nested").put("also", 1);
            assertEquals(e, mapper.readValue(newer.toString(), e.getClass()), "additive change: " + newer);
            // instants travel as ISO-8601 strings, never as numbers
            JsonNode at = newer.get("occurredAt");
            assertTrue(at.isTextual(), json);
        }
    }

    @Test
    void goldenSamplesAsTheProducersWriteThemStillRead() throws Exception {
        FundingRequested f = mapper.readValue("""
                {"eventId":"0196e1a2-0000-7000-8000-000000000e01","type":"FundingRequested",
                 "occurredAt":"2025-05-18T04:49:00.123456Z","schemaVersion":1,
                 "requestId":"0196e1a2-0000-7000-8000-0000000000f1","activityId":"0196e1a2-0000-7000-8000-0000000000a1",
                 "communityId":"0196e1a2-0000-7000-8000-0000000000c1","amountFen":50000,"purpose":"重阳节敬老活动"}
                """, FundingRequested.class);
        assertEquals(REQUEST, f.requestId());
        assertEquals(ACTIVITY, f.activityId());
        assertEquals(COMMUNITY, f.communityId());
        assertEquals(50_000, f.amountFen());
        assertEquals("重阳节敬老活动", f.purpose());
        assertEquals(Instant.parse("2025-05-18T04:49:00.123456Z"), f.occurredAt());

        CommunityChanged c = mapper.readValue("""
                {"eventId":"0196e1a2-0000-7000-8000-000000000e02","type":"CommunityChanged",
                 "occurredAt":"2025-05-18T04:49:00Z","schemaVersion":1,"communityId":"0196e1a2-0000-7000-8000-0000000000c1",
                 "countyCode":"371302","name":"兰山街道金雀山社区","kind":"COMMUNITY","pilot":true}
                """, CommunityChanged.class);
        assertEquals(COMMUNITY, c.communityId());
        assertEquals("371302", c.countyCode());
        assertTrue(c.pilot());

        DonationReceived d = mapper.readValue("""
                {"eventId":"0196e1a2-0000-7000-8000-000000000e03","type":"DonationReceived",
                 "occurredAt":"2025-05-18T04:49:00.5Z","schemaVersion":1,"idempotencyKey":"wx-4200001234",
                 "communityId":"0196e1a2-0000-7000-8000-0000000000c1","amountFen":100,"channel":"WECHAT",
                 "donor":{"name":"张三","phone":"13800138000","anonymous":false},"platformTradeNo":"4200001234"}
                """, DonationReceived.class);
        assertEquals("wx-4200001234", d.idempotencyKey());
        assertEquals(COMMUNITY, d.communityId());
        assertNull(d.piggyBankCode());
        assertEquals(100, d.amountFen());
        assertEquals("WECHAT", d.channel());
        assertEquals("张三", d.donor().name());

        DonationReceived cash = mapper.readValue("""
                {"eventId":"0196e1a2-0000-7000-8000-000000000e04","type":"DonationReceived",
                 "occurredAt":"2025-05-18T04:49:00Z","schemaVersion":1,"idempotencyKey":"box-1",
                 "piggyBankCode":"PB-7K3M9Q2X","amountFen":2350,"channel":"CASH"}
                """, DonationReceived.class);
        assertEquals("PB-7K3M9Q2X", cash.piggyBankCode());
        assertNull(cash.donor());
        assertEquals("PB-7K3M9Q2X", cash.key());
    }
}
