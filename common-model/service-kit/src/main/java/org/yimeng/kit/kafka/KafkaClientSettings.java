package org.yimeng.kit.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;

/**
 * The Kafka client properties of one of the kit's clients, read from configuration: every property under a prefix
 * ({@code kit.outbox.kafka.linger.ms=2} gives the relay's producer {@code linger.ms=2}), the kit's defaults in its
 * {@code microprofile-config.properties}. What the kit sets itself (the bootstrap servers, the group id) and what the
 * outbox's and the consumer's guarantees rely on are {@link #require required}: a configured value that contradicts
 * one stops the service at start rather than weakening a guarantee unnoticed.
 */
public final class KafkaClientSettings {
    private final String prefix;
    private final Map<String, String> values = new TreeMap<>();

    private KafkaClientSettings(String prefix) {
        this.prefix = prefix;
    }

    /** The properties under {@code prefix} (which ends with a dot), without it. */
    public static KafkaClientSettings under(Config config, String prefix) {
        KafkaClientSettings s = new KafkaClientSettings(prefix);
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                config.getOptionalValue(name, String.class).ifPresent(v -> s.values.put(name.substring(prefix.length()), v));
            }
        }
        return s;
    }

    /** A setting the kit decides: set to {@code value}, refused at start if configured otherwise. */
    public KafkaClientSettings require(String key, String value) {
        String configured = values.get(key);
        if (configured != null && !configured.trim().equalsIgnoreCase(value)) {
            throw new IllegalStateException(prefix + key + "=" + configured + " conflicts with " + key + "=" + value
                    + ", which the kit sets itself");
        }
        values.put(key, value);
        return this;
    }

    /** A value the kit derives (a client id from the group id) unless configuration names one. */
    public KafkaClientSettings orElse(String key, String value) {
        values.putIfAbsent(key, value);
        return this;
    }

    public Properties properties() {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
