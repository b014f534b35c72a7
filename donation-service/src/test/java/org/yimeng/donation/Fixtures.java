package org.yimeng.donation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.yimeng.local.TestStack;
import org.yimeng.model.event.CommunityChanged;
import org.yimeng.model.event.PlatformEvent;
import org.yimeng.model.event.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Test fixtures: communities over Kafka, piggy-banks and donations over HTTP, and direct looks at the database. */
public final class Fixtures {
    public static final String COUNTY = "371302";

    private Fixtures() {
    }

    /** Announces a community as volunteer-service would and waits until the ledger's registry has it. */
    public static UUID community(ObjectMapper mapper, String countyCode) {
        UUID id = UUID.randomUUID();
        announce(mapper, CommunityChanged.of(id, countyCode, "社区 " + id.toString().substring(0, 8), "COMMUNITY", true));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> count("community WHERE id = '" + id + "'") == 1);
        return id;
    }

    public static void announce(ObjectMapper mapper, CommunityChanged event) {
        publish(mapper, Topics.COMMUNITIES, event);
    }

    /** Sends events as their producers do (key, headers {@code event-id} and {@code event-type}), in order. */
    public static void publish(ObjectMapper mapper, String topic, PlatformEvent... events) {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (PlatformEvent event : events) {
                var record = new ProducerRecord<>(topic, event.key(), mapper.writeValueAsString(event));
                record.headers().add(Topics.HEADER_EVENT_ID, event.eventId().toString().getBytes());
                record.headers().add(Topics.HEADER_EVENT_TYPE, event.type().getBytes());
                producer.send(record).get();
            }
            producer.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends raw JSON values (also malformed ones) with one key, in order. */
    public static void sendRaw(String topic, String key, String... values) {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, key, v)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A consumer of its own group reading {@code topic} from the start: for checking what the service published. */
    public static KafkaConsumer<String, String> reader(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(java.util.List.of(topic));
        return consumer;
    }

    /** Every record of {@code topic} whose value contains {@code marker}, read for {@code quiet} after the last one. */
    public static java.util.List<ConsumerRecord<String, String>> recordsContaining(String topic, String marker, int atLeast,
            Duration quiet) {
        java.util.List<ConsumerRecord<String, String>> out = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (var consumer = reader(topic)) {
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < deadline && System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().contains(marker)) {
                        out.add(r);
                    }
                }
                if (out.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        }
        return out;
    }

    public static RequestSpecification as(String role) {
        return given().auth().oauth2(TestStack.token(role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String role, Map<String, String> scope) {
        return given().auth().oauth2(TestStack.token(role, scope)).contentType(ContentType.JSON);
    }

    /** A new ACTIVE piggy-bank of the community; returns its code. */
    public static String piggyBank(UUID community) {
        return as("CITY_ADMIN").body(Map.of("communityId", community, "label", "爱扑满", "place", "社区服务中心"))
                .post("/api/v1/piggy-banks").then().statusCode(201).extract().path("code");
    }

    public static Response donate(String key, String body) {
        return as("COLLECTOR").header("Idempotency-Key", key).body(body).post("/api/v1/donations");
    }

    /** Records a gift straight to the community's fund; returns the response. */
    public static Response donateTo(UUID community, long amountFen) {
        Response r = donate(UUID.randomUUID().toString(),
                "{\"communityId\":\"" + community + "\",\"amountFen\":" + amountFen + ",\"channel\":\"WECHAT\"}");
        r.then().statusCode(201);
        return r;
    }

    public static long count(String fromWhere) {
        return number("SELECT count(*) FROM " + fromWhere);
    }

    public static long number(String sql) {
        try (Connection c = TestStack.superuser(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(String sql) {
        try (Connection c = TestStack.superuser(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1).strip();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long fundBalance(UUID community) {
        return number("SELECT coalesce(sum(balance_fen), 0) FROM account_balance WHERE account = 'community:" + community + ":fund'");
    }
}
