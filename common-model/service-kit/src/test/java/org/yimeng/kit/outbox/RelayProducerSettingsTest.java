package org.yimeng.kit.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.kit.kafka.KitConfig;

class RelayProducerSettingsTest {
    @Test
    void theKitsDefaultsAreTheRelaysProducerAsItWasWrittenInCode() {
        assertEquals(Map.of("bootstrap.servers", "b:9092", "acks", "all", "enable.idempotence", "true",
                "linger.ms", "2", "delivery.timeout.ms", "30000", "request.timeout.ms", "10000",
                "max.block.ms", "10000", "client.id", "outbox-relay"),
                OutboxRelay.producerSettings(KitConfig.with(Map.of()), "b:9092").asMap());
    }

    @Test
    void aServiceTunesTheProducerButCannotWeakenAcknowledgements() {
        assertEquals("20", OutboxRelay.producerSettings(KitConfig.with(Map.of("kit.outbox.kafka.linger.ms", "20")),
                "b:9092").asMap().get("linger.ms"));
        assertThrows(IllegalStateException.class, () -> OutboxRelay.producerSettings(
                KitConfig.with(Map.of("kit.outbox.kafka.acks", "1")), "b:9092"));
        assertThrows(IllegalStateException.class, () -> OutboxRelay.producerSettings(
                KitConfig.with(Map.of("kit.outbox.kafka.enable.idempotence", "false")), "b:9092"));
    }
}
