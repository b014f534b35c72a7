package org.yimeng.donation.events;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Operators see the consumer's lag and the outbox backlog in /q/metrics (Prometheus). */
@QuarkusTest
class MetricsTest {
    @Test
    void metricsShowTheOutboxBacklogAndTheConsumersLag() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String m = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
            return m.lines().anyMatch(l -> l.startsWith("outbox_backlog"))
                    // how far the consumer is behind the log end (per partition as records_lag{topic,partition}
                    // too, once Micrometer's Kafka binder picked those up: it looks for new metrics every minute)
                    && m.lines().anyMatch(l -> l.startsWith("kafka_consumer_fetch_manager_records_lag_max{")
                            && l.contains("client_id=\"donation-service-consumer\""))
                    && m.lines().anyMatch(l -> l.startsWith("consumer_events_applied"));
        });
    }
}
