package org.yimeng.kit.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.kit.kafka.KitConfig;

class ConsumerSettingsTest {
    @Test
    void theKitsDefaultsAreTheConsumerAsItWasWrittenInCode() {
        assertEquals(Map.of("bootstrap.servers", "b:9092", "group.id", "svc", "enable.auto.commit", "false",
                "auto.offset.reset", "earliest", "max.poll.records", "1000", "isolation.level", "read_committed",
                "client.id", "svc-consumer"),
                EventConsumer.consumerSettings(KitConfig.with(Map.of()), "b:9092", "svc", 1000).asMap());
        assertEquals(Map.of("bootstrap.servers", "b:9092", "acks", "all", "client.id", "svc-dlq"),
                EventConsumer.deadLetterSettings(KitConfig.with(Map.of()), "b:9092", "svc").asMap());
    }

    @Test
    void offsetsAreNeverCommittedBeforeTheEventsAreApplied() {
        assertThrows(IllegalStateException.class, () -> EventConsumer.consumerSettings(
                KitConfig.with(Map.of("kit.consumer.kafka.enable.auto.commit", "true")), "b:9092", "svc", 1000));
        assertThrows(IllegalStateException.class, () -> EventConsumer.consumerSettings(
                KitConfig.with(Map.of("kit.consumer.kafka.isolation.level", "read_uncommitted")), "b:9092", "svc", 1000));
    }

    @Test
    void aServiceAddsClientSettingsOfItsOwn() {
        var s = EventConsumer.consumerSettings(KitConfig.with(Map.of("kit.consumer.kafka.session.timeout.ms", "20000",
                "kit.consumer.kafka.client.id", "me")), "b:9092", "svc", 1000).asMap();
        assertEquals("20000", s.get("session.timeout.ms"));
        assertEquals("me", s.get("client.id"));
    }
}
