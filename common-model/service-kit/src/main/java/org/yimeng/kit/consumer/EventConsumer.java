package org.yimeng.kit.consumer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimeng.kit.kafka.KafkaClientSettings;
import org.yimeng.model.event.PlatformEvent;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The idempotent consumer of events.md: polls the topics of every {@link EventHandler} bean, applies each poll's new
 * events in one transaction together with their ids in {@code kit_processed_event}, and commits offsets only after
 * that transaction. Redelivered ids are skipped. A transient failure (database away) rewinds and retries; a
 * record that can never apply goes to the handler's DLQ with the reason, and consumption continues.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    @Any
    Instance<EventHandler<?>> handlers;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @Inject
    Config config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kit.consumer.enabled", defaultValue = "true")
    boolean enabled;

    /** Defaults to the application name, so that each service is its own consumer group. */
    @ConfigProperty(name = "kit.consumer.group-id")
    java.util.Optional<String> configuredGroupId;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    private String groupId;

    @ConfigProperty(name = "kit.consumer.max-poll-records", defaultValue = "1000")
    int maxPollRecords;

    private final Map<String, EventHandler<PlatformEvent>> byTopic = new HashMap<>();
    private volatile boolean running;
    private Thread thread;
    private KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> deadLetters;
    private Counter applied;
    private Counter skipped;
    private Counter poisoned;

    /**
     * {@code kit.consumer.kafka.*} (client id, timeouts; defaults in the kit's configuration). Offsets are committed
     * only after the transaction that applied the events, a new group starts at the beginning (nothing published
     * before a service's first start is skipped), and only committed records are read: those are not settings.
     */
    static KafkaClientSettings consumerSettings(Config config, String bootstrapServers, String groupId,
            int maxPollRecords) {
        return KafkaClientSettings.under(config, "kit.consumer.kafka.")
                .require(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                .require(ConsumerConfig.GROUP_ID_CONFIG, groupId)
                .require(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .require(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .require(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .require(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords))
                .orElse(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-consumer");
    }

    /** {@code kit.consumer.dead-letter.kafka.*}; a dead letter counts as sent once every replica has it. */
    static KafkaClientSettings deadLetterSettings(Config config, String bootstrapServers, String groupId) {
        return KafkaClientSettings.under(config, "kit.consumer.dead-letter.kafka.")
                .require(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                .require(ProducerConfig.ACKS_CONFIG, "all")
                .orElse(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-dlq");
    }

    @SuppressWarnings("unchecked")
    void start(@Observes StartupEvent ev) {
        groupId = configuredGroupId.filter(g -> !g.isBlank()).orElse(applicationName);
        for (EventHandler<?> h : handlers) {
            byTopic.put(h.topic(), (EventHandler<PlatformEvent>) h);
        }
        if (!enabled || byTopic.isEmpty()) {
            return;
        }
        consumer = new KafkaConsumer<>(consumerSettings(config, bootstrapServers, groupId, maxPollRecords).properties(),
                new StringDeserializer(), new StringDeserializer());
        new KafkaClientMetrics(consumer).bindTo(registry);
        deadLetters = new KafkaProducer<>(deadLetterSettings(config, bootstrapServers, groupId).properties(),
                new StringSerializer(), new StringSerializer());
        applied = Counter.builder("consumer.events.applied").register(registry);
        skipped = Counter.builder("consumer.events.duplicates").description("Redelivered events skipped").register(registry);
        poisoned = Counter.builder("consumer.events.dead-lettered").register(registry);
        running = true;
        thread = new Thread(this::loop, "event-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }

    private void loop() {
        long backoff = 0;
        try {
            consumer.subscribe(byTopic.keySet());
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    for (TopicPartition tp : records.partitions()) {
                        handle(byTopic.get(tp.topic()), records.records(tp));
                    }
                    consumer.commitSync();
                    backoff = 0;
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    backoff = Math.min(backoff == 0 ? 500 : backoff * 2, 10_000);
                    LOG.warnf("event consumer: %s; rewinding and retrying in %d ms", e.toString(), backoff);
                    for (TopicPartition tp : records.partitions()) {
                        consumer.seek(tp, records.records(tp).get(0).offset());
                    }
                    Thread.sleep(backoff);
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Applies one partition's slice of a poll: all new events in one transaction, or one by one to isolate poison. */
    private void handle(EventHandler<PlatformEvent> handler, List<ConsumerRecord<String, String>> records) {
        List<PlatformEvent> events = new ArrayList<>();
        List<ConsumerRecord<String, String>> sources = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                var typeHeader = r.headers().lastHeader(Topics.HEADER_EVENT_TYPE);
                PlatformEvent e = mapper.readValue(r.value(), handler.eventType(
                        typeHeader == null ? null : new String(typeHeader.value(), StandardCharsets.UTF_8)));
                if (e.eventId() == null) {
                    throw new IllegalArgumentException("no eventId");
                }
                events.add(e);
                sources.add(r);
            } catch (Exception parse) {
                deadLetter(handler, r, "unreadable " + handler.eventType().getSimpleName() + ": "
                        + parse.getClass().getSimpleName());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> applyNew(handler, events));
        } catch (RuntimeException batchFailure) {
            if (events.size() == 1) {
                if (isPoison(batchFailure)) {
                    deadLetter(handler, sources.get(0), poisonReason(batchFailure));
                    return;
                }
                throw batchFailure;
            }
            for (int i = 0; i < events.size(); i++) {
                PlatformEvent one = events.get(i);
                try {
                    QuarkusTransaction.requiringNew().run(() -> applyNew(handler, List.of(one)));
                } catch (RuntimeException e) {
                    if (!isPoison(e)) {
                        throw e;
                    }
                    deadLetter(handler, sources.get(i), poisonReason(e));
                }
            }
        }
    }

    private void applyNew(EventHandler<PlatformEvent> handler, List<PlatformEvent> events) {
        Set<UUID> fresh = recordIds(handler.topic(), events);
        List<PlatformEvent> toApply = new ArrayList<>(fresh.size());
        Set<UUID> seen = new HashSet<>();
        for (PlatformEvent e : events) {
            if (fresh.contains(e.eventId()) && seen.add(e.eventId())) {
                toApply.add(e);
            }
        }
        skipped.increment(events.size() - toApply.size());
        if (!toApply.isEmpty()) {
            handler.applyAll(toApply);
            applied.increment(toApply.size());
        }
    }

    /** Inserts the ids; returns those that were not there before (the ones to apply). */
    private Set<UUID> recordIds(String topic, List<PlatformEvent> events) {
        Set<UUID> fresh = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO kit_processed_event (event_id, topic) "
                        + "SELECT unnest(?::uuid[]), ? ON CONFLICT DO NOTHING RETURNING event_id")) {
            ps.setArray(1, c.createArrayOf("uuid", events.stream().map(PlatformEvent::eventId).distinct().toArray()));
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot record processed events", e);
        }
        return fresh;
    }

    private static boolean isPoison(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PoisonEventException) {
                return true;
            }
        }
        return false;
    }

    private static String poisonReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PoisonEventException) {
                return t.getMessage();
            }
        }
        return e.toString();
    }

    private void deadLetter(EventHandler<?> handler, ConsumerRecord<String, String> r, String reason) {
        poisoned.increment();
        String dlq = handler.deadLetterTopic();
        if (dlq == null) {
            LOG.warnf("skipping record %s-%d@%d that can never apply: %s", r.topic(), r.partition(), r.offset(), reason);
            return;
        }
        var out = new ProducerRecord<>(dlq, r.key(), r.value());
        r.headers().forEach(h -> out.headers().add(h));
        out.headers().add(Topics.HEADER_DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        out.headers().add("dlq-source", (r.topic() + "-" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(out).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to DLQ " + dlq, e);
        }
        LOG.warnf("record %s-%d@%d sent to %s: %s", r.topic(), r.partition(), r.offset(), dlq, reason);
    }
}
