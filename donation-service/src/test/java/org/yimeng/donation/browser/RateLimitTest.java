package org.yimeng.donation.browser;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;
import org.yimeng.local.TestStack;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The limits themselves, set low here (everywhere else the test profile's are too high to meet): a burst at the public
 * fund page, refill, addresses behind the trusted proxy, an untrusted X-Forwarded-For, and writes per token subject.
 * The tests run on 127.0.0.1, configured as the trusted proxy; a socket bound to 127.0.0.2 plays an untrusted peer.
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
class RateLimitTest {
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kit.rate-limit.public.capacity", "3", "kit.rate-limit.public.period", "PT1M",
                    "kit.rate-limit.writes.capacity", "2", "kit.rate-limit.writes.period", "PT1M",
                    "kit.rate-limit.trusted-proxies", "127.0.0.1/32,::1");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(HandRateLimitClock.class);
        }
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    HandRateLimitClock clock;

    static UUID community;

    @BeforeEach
    void setUp() {
        if (community == null) {
            community = Fixtures.community(mapper, Fixtures.COUNTY);
        }
        clock.advance(Duration.ofHours(1)); // every bucket full: each test starts afresh
    }

    private Response fund(String client) {
        return given().header("X-Forwarded-For", client).header("Origin", CorsTest.PAGE)
                .get("/public/v1/communities/" + community + "/fund");
    }

    @Test
    void aBurstAtThePublicFundPageIsAnswered429WithRetryAfterAndRateLimitHeaders() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            fund("203.0.113.10").then().statusCode(200).header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", String.valueOf(remaining));
        }
        fund("203.0.113.10").then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED")).body("status", equalTo(429))
                .header("Retry-After", "20") // 3 a minute: one more every 20 s
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "0").header("RateLimit-Reset", "60")
                .header("Access-Control-Allow-Origin", CorsTest.PAGE); // a page can read why
    }

    @Test
    void theBucketRefillsAfterRetryAfter() {
        for (int i = 0; i < 3; i++) {
            fund("203.0.113.20").then().statusCode(200);
        }
        int retryAfter = Integer.parseInt(fund("203.0.113.20").then().statusCode(429).extract().header("Retry-After"));
        clock.advance(Duration.ofSeconds(retryAfter - 1));
        fund("203.0.113.20").then().statusCode(429);
        clock.advance(Duration.ofSeconds(1));
        fund("203.0.113.20").then().statusCode(200).header("RateLimit-Remaining", "0");
    }

    @Test
    void anotherAddressBehindTheTrustedProxyIsNotAffected() {
        for (int i = 0; i < 4; i++) {
            fund("203.0.113.30");
        }
        fund("203.0.113.30").then().statusCode(429);
        fund("203.0.113.31").then().statusCode(200).header("RateLimit-Remaining", "2");
        // the hop the proxy added counts, not one the client wrote in front of it
        fund("203.0.113.31, 203.0.113.30").then().statusCode(429);
    }

    @Test
    void anUntrustedPeerIsCountedByItsOwnAddressWhateverItsXForwardedForSays() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, fromUntrustedPeer("198.51.100." + i), "request " + i);
        }
        assertEquals(429, fromUntrustedPeer("198.51.100.99"));
    }

    @Test
    void writesAreLimitedPerTokenSubject() {
        String clerk = TestStack.tokens().mint("clerk-" + UUID.randomUUID(), "COLLECTOR", Map.of(), Duration.ofHours(1));
        String other = TestStack.tokens().mint("clerk-" + UUID.randomUUID(), "COLLECTOR", Map.of(), Duration.ofHours(1));
        for (int i = 0; i < 2; i++) {
            write(clerk).then().statusCode(422);
        }
        write(clerk).then().statusCode(429).body("code", equalTo("RATE_LIMITED")).header("RateLimit-Limit", "2");
        write(other).then().statusCode(422);
        // without a valid token nothing is counted: it stays 401, never 429
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body("{}").post("/api/v1/donations").then().statusCode(401);
        }
    }

    private static Response write(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body("{\"amountFen\":-1}")
                .post("/api/v1/donations");
    }

    /** A request over a socket bound to 127.0.0.2: a peer that is not the trusted proxy. */
    private int fromUntrustedPeer(String forwardedFor) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), RestAssured.port), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /public/v1/communities/" + community + "/fund HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Forwarded-For: " + forwardedFor + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 "), "no status line: " + status);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
