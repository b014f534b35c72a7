package org.yimeng.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yimeng.model.event.CommunityChanged;
import org.yimeng.model.event.FundingDecided;
import org.yimeng.model.event.ReversalRecorded;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The wire format both services rely on: records round-trip, and unknown (newer) fields are ignored. */
class EventJsonTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void communityChangedRoundTripsThroughJson() throws Exception {
        var event = CommunityChanged.of(UUID.randomUUID(), "371302", "银雀山社区", "COMMUNITY", true);
        String json = mapper.writeValueAsString(event);
        assertTrue(json.contains("\"communityId\""), json);
        assertEquals(event, mapper.readValue(json, CommunityChanged.class));
    }

    @Test
    void readerIgnoresFieldsAddedByANewerProducer() throws Exception {
        var event = FundingDecided.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), false, null,
                "INSUFFICIENT_FUNDS", 100, 7);
        String json = mapper.writeValueAsString(event).replaceFirst("\\{", "{\"addedLater\":42,");
        assertEquals(event, mapper.readValue(json, FundingDecided.class));
    }

    @Test
    void reversalRoundTripsWithItsActivity() throws Exception {
        var event = ReversalRecorded.of(UUID.randomUUID(), 9, UUID.randomUUID(), UUID.randomUUID(), 3_000, 1_200,
                UUID.randomUUID());
        String json = mapper.writeValueAsString(event);
        assertTrue(json.contains("\"reversalOf\"") && json.contains("\"activityId\""), json);
        assertEquals(event, mapper.readValue(json, ReversalRecorded.class));
    }

    @Test
    void decisionFromAProducerBeforeTheSequenceFieldReadsAsSequenceZero() throws Exception {
        var event = FundingDecided.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), true, UUID.randomUUID(),
                null, 100, 12);
        String json = mapper.writeValueAsString(event).replace(",\"sequence\":12", "");
        assertEquals(0, mapper.readValue(json, FundingDecided.class).sequence(), json);
    }
}
