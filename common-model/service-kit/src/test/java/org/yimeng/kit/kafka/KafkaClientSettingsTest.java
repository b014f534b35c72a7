package org.yimeng.kit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {
    @Test
    void everyPropertyUnderThePrefixGoesToTheClientWithoutIt() {
        var s = KafkaClientSettings.under(KitConfig.with(Map.of("x.kafka.security.protocol", "SSL",
                "x.kafka.linger.ms", "7", "x.other", "no")), "x.kafka.");
        assertEquals(Map.of("security.protocol", "SSL", "linger.ms", "7"), s.asMap());
    }

    @Test
    void aRequiredSettingIsSetAndAContradictingOneStopsTheStart() {
        var config = KitConfig.with(Map.of("x.kafka.acks", "1"));
        var e = assertThrows(IllegalStateException.class, () -> KafkaClientSettings.under(config, "x.kafka.")
                .require("acks", "all"));
        assertTrue(e.getMessage().contains("x.kafka.acks=1"), e.getMessage());
        assertEquals("all", KafkaClientSettings.under(KitConfig.with(Map.of("x.kafka.acks", "ALL")), "x.kafka.")
                .require("acks", "all").asMap().get("acks"));
        assertEquals("all", KafkaClientSettings.under(KitConfig.with(Map.of()), "x.kafka.").require("acks", "all")
                .asMap().get("acks"));
    }

    @Test
    void aDerivedValueGivesWayToAConfiguredOne() {
        assertEquals("mine", KafkaClientSettings.under(KitConfig.with(Map.of("x.kafka.client.id", "mine")), "x.kafka.")
                .orElse("client.id", "derived").asMap().get("client.id"));
        assertEquals("derived", KafkaClientSettings.under(KitConfig.with(Map.of()), "x.kafka.")
                .orElse("client.id", "derived").asMap().get("client.id"));
    }
}
