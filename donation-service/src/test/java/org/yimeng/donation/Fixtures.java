package org.yimeng.donation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.yimeng.local.TestStack;
import org.yimeng.model.event.CommunityChanged;
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
        Properties p = new Properties();
        p.put("bootstrap.servers", TestStack.kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            var record = new ProducerRecord<>(Topics.COMMUNITIES, event.key(), mapper.writeValueAsString(event));
            record.headers().add(Topics.HEADER_EVENT_ID, event.eventId().toString().getBytes());
            record.headers().add(Topics.HEADER_EVENT_TYPE, event.type().getBytes());
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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

    public static long fundBalance(UUID community) {
        return number("SELECT coalesce(sum(balance_fen), 0) FROM account_balance WHERE account = 'community:" + community + ":fund'");
    }
}
