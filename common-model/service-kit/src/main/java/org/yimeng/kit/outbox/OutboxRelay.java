package org.yimeng.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimeng.kit.kafka.KafkaClientSettings;
import org.yimeng.model.event.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes outbox rows to Kafka in id order, with the community id as key and {@code event-id}/{@code event-type}
 * headers, then deletes them in the same transaction that read them. A crash before the delete resends the batch:
 * consumers are idempotent, so that is harmless. One relay at a time per database (advisory lock) keeps each key's
 * events in order even with several replicas.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x6f7574626f78L; // "outbox"

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    Config config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kit.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kit.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "kit.outbox.poll-interval", defaultValue = "PT0.5S")
    Duration pollInterval;

    /**
     * The shortest time between two batches that were not full. A busy writer commits every few milliseconds; relaying
     * after each commit cost a lock, a select, a Kafka round trip, a delete and a commit per handful of events, on the
     * CPUs the writer needs. Waiting a little gathers them into one batch; events arrive at most this much later.
     */
    @ConfigProperty(name = "kit.outbox.min-interval", defaultValue = "PT0.02S")
    Duration minInterval;

    private final Object signal = new Object();
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean running;
    private volatile boolean woken;
    private Thread thread;
    private KafkaProducer<String, String> producer;
    private Counter published;

    /**
     * {@code kit.outbox.kafka.*} (linger, timeouts, client id; defaults in the kit's configuration). A row is deleted
     * only once every replica has it, and a resend after a timeout must not duplicate it within a partition: acks=all
     * and idempotence are not settings.
     */
    static KafkaClientSettings producerSettings(Config config, String bootstrapServers) {
        return KafkaClientSettings.under(config, "kit.outbox.kafka.")
                .require(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                .require(ProducerConfig.ACKS_CONFIG, "all")
                .require(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    }

    void start(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        producer = new KafkaProducer<>(producerSettings(config, bootstrapServers).properties(), new StringSerializer(),
                new StringSerializer());
        new KafkaClientMetrics(producer).bindTo(registry);
        published = Counter.builder("outbox.published").description("Events sent from the outbox to Kafka").register(registry);
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get).description("Outbox rows not yet sent to Kafka")
                .register(registry);
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Asks the relay to look at the outbox now (called after a transaction that wrote to it commits). */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                long started = System.nanoTime();
                int sent = QuarkusTransaction.requiringNew().timeout(60).call(this::relayBatch);
                backoff = 0;
                if (sent >= batchSize) {
                    continue; // more waiting
                }
                await(pollInterval.toMillis());
                long gap = minInterval.toNanos() - (System.nanoTime() - started);
                if (gap > 0 && running) {
                    pause(gap);
                }
            } catch (Exception e) {
                backoff = Math.min(backoff == 0 ? 500 : backoff * 2, 10_000);
                LOG.warnf("outbox relay: %s; retrying in %d ms", rootMessage(e), backoff);
                await(backoff);
            }
        }
    }

    private void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void await(long millis) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    /** One batch, in one transaction; returns how many rows were sent. */
    int relayBatch() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c)) {
                return 0; // another replica is relaying
            }
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, event_id, topic, record_key, event_type, payload FROM kit_outbox ORDER BY id LIMIT ?")) {
                ps.setInt(1, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        var record = new ProducerRecord<>(rs.getString(3), rs.getString(4), rs.getString(6));
                        record.headers().add(Topics.HEADER_EVENT_ID, rs.getString(2).getBytes(StandardCharsets.UTF_8));
                        record.headers().add(Topics.HEADER_EVENT_TYPE, rs.getString(5).getBytes(StandardCharsets.UTF_8));
                        sends.add(producer.send(record));
                    }
                }
            }
            if (ids.isEmpty()) {
                backlog.set(0);
                return 0;
            }
            producer.flush();
            for (Future<RecordMetadata> f : sends) {
                f.get(30, TimeUnit.SECONDS); // any failure rolls back: the rows stay and are sent again
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM kit_outbox WHERE id = ANY(?)")) {
                del.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                del.executeUpdate();
            }
            published.increment(ids.size());
            if (ids.size() < batchSize) {
                backlog.set(0); // the select saw every row there was; no count(*) over a table full of dead rows
            } else {
                updateBacklog(c);
            }
            return ids.size();
        }
    }

    private void updateBacklog(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM kit_outbox");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
        }
    }

    private static boolean lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
