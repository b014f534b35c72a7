package org.yimeng.volunteer.notice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.yimeng.local.TestStack;
import org.yimeng.model.event.NotificationRequested;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code volunteer.notifications.v1} with an independent consumer from the beginning: every event that matches,
 * once {@code expected} have arrived and 2 s more have brought no duplicate (or after 30 s).
 */
final class NotificationEvents {
    private NotificationEvents() {
    }

    static List<NotificationRequested> read(ObjectMapper mapper, Predicate<NotificationRequested> matching, int expected)
            throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        p.put("group.id", "notice-reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        List<NotificationRequested> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.NOTIFICATIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (var r : consumer.poll(Duration.ofMillis(300))) {
                    NotificationRequested e = mapper.readValue(r.value(), NotificationRequested.class);
                    if (!r.key().equals(e.key())) {
                        throw new AssertionError("record key " + r.key() + " is not the recipient's " + e.key());
                    }
                    if (matching.test(e)) {
                        found.add(e);
                        if (found.size() >= expected && quietUntil == Long.MAX_VALUE) {
                            quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                        }
                    }
                }
            }
        }
        return found;
    }
}
