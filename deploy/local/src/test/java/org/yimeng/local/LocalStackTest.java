package org.yimeng.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yimeng.model.event.Topics;

/** The embedded stack is real: PostgreSQL answers SQL, Kafka carries a record, data survives a restart. */
class LocalStackTest {
    @TempDir
    static Path dir;
    static Postgres postgres;
    static KafkaBroker kafka;

    @BeforeAll
    static void start() throws Exception {
        postgres = Postgres.start(dir.resolve("pg").toFile(), 0);
        kafka = KafkaBroker.start(dir.resolve("kafka").toFile(), 0);
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
        postgres.close();
    }

    @Test
    void createsDatabaseWithOwnerThatCanConnectAndStoreChineseText() throws Exception {
        postgres.ensureDatabase("sample", "sample_owner");
        postgres.ensureDatabase("sample", "sample_owner"); // idempotent
        try (var c = java.sql.DriverManager.getConnection(postgres.jdbcUrl("sample"), "sample_owner", "sample_owner");
                var st = c.createStatement()) {
            st.execute("CREATE TABLE t (name text)");
            st.execute("INSERT INTO t VALUES ('兰山区')");
            try (var rs = st.executeQuery("SELECT name, current_user FROM t")) {
                rs.next();
                assertEquals("兰山区", rs.getString(1));
                assertEquals("sample_owner", rs.getString(2));
            }
        }
    }

    @Test
    void createsEveryTopicOnceAndCarriesARecord() throws Exception {
        assertEquals(Topics.ALL.size(), kafka.createTopics(3).size());
        assertTrue(kafka.createTopics(3).isEmpty(), "second call creates nothing");

        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DIGESTS, "chain", "{\"headSequence\":1}")).get();
        }
        p.put("group.id", "local-stack-test");
        p.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DIGESTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertEquals(1, records.count());
            assertEquals("chain", records.iterator().next().key());
        }
    }

    @Test
    void devKeysAreGeneratedOnceAndSignVerifiableTokens() throws Exception {
        DevKeys first = DevKeys.in(dir.resolve("keys"));
        DevKeys again = DevKeys.in(dir.resolve("keys"));
        assertEquals(first.privateKey(), again.privateKey());
        String token = new Tokens(first.privateKey()).mint("COUNTY_ADMIN", Map.of("county", "371302"));
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertTrue(payload.contains("\"groups\":[\"COUNTY_ADMIN\"]"), payload);
        assertTrue(payload.contains("\"county\":\"371302\""), payload);
        assertTrue(Files.readString(first.publicKeyFile()).startsWith("-----BEGIN PUBLIC KEY-----"));
    }
}
