package org.yimeng.donation.browser;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.donation.Fixtures;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A page on another origin calling donation-service as a browser would: the preflight, then the real request whose
 * headers the page must be able to read — problem+json errors included.
 */
@QuarkusTest
class CorsTest {
    /** The test profile's allowed origin (service-kit's microprofile-config.properties). */
    static final String PAGE = "https://app.test.yimeng.example";

    @Inject
    ObjectMapper mapper;

    @Test
    void preflightOfADonationFromTheFrontEndIsAnsweredWithTheHeadersItNeeds() {
        Response r = given().header("Origin", PAGE).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,accept-language")
                .options("/api/v1/donations");
        r.then().statusCode(200)
                .header("Access-Control-Allow-Origin", PAGE)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Max-Age", "3600")
                .header("Access-Control-Allow-Credentials", not(equalTo("true"))); // bearer tokens, no cookies
        List<String> allowed = lower(r.header("Access-Control-Allow-Headers"));
        for (String h : List.of("authorization", "content-type", "idempotency-key", "accept-language")) {
            assertTrue(allowed.contains(h), h + " not allowed: " + allowed);
        }
    }

    @Test
    void anotherOriginGetsNoAllowOriginOnPreflightOrRequest() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/donations")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://app.test.yimeng.example.evil.example")
                .get("/public/v1/communities/" + UUID.randomUUID() + "/fund")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void crossOriginPostCanReadTheReplayHeader() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        String key = UUID.randomUUID().toString();
        String body = "{\"communityId\":\"" + community + "\",\"amountFen\":100,\"channel\":\"WECHAT\"}";
        Fixtures.as("COLLECTOR").header("Origin", PAGE).header("Idempotency-Key", key).body(body)
                .post("/api/v1/donations").then().statusCode(201).header("Access-Control-Allow-Origin", PAGE);
        Response replay = Fixtures.as("COLLECTOR").header("Origin", PAGE).header("Idempotency-Key", key).body(body)
                .post("/api/v1/donations");
        replay.then().statusCode(201).header("Access-Control-Allow-Origin", PAGE).header("Idempotent-Replayed", "true");
        List<String> exposed = lower(replay.header("Access-Control-Expose-Headers"));
        for (String h : List.of("idempotent-replayed", "location", "retry-after", "ratelimit-limit",
                "ratelimit-remaining", "ratelimit-reset")) {
            assertTrue(exposed.contains(h), h + " not exposed: " + exposed);
        }
    }

    @Test
    void crossOriginGetOfThePublicFundPageCarriesCorsAndRateLimitHeaders() {
        UUID community = Fixtures.community(mapper, Fixtures.COUNTY);
        given().header("Origin", PAGE).get("/public/v1/communities/" + community + "/fund")
                .then().statusCode(200).header("Access-Control-Allow-Origin", PAGE)
                .header("RateLimit-Limit", "1000000000").header("RateLimit-Remaining", startsWith("99999"));
    }

    @Test
    void problemAnswersCarryCorsHeadersSoThePageCanReadThem() {
        given().header("Origin", PAGE).contentType(ContentType.JSON).body("{}").post("/api/v1/donations")
                .then().statusCode(401).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", PAGE).body("code", equalTo("UNAUTHORIZED"));
        Fixtures.as("COLLECTOR").header("Origin", PAGE).header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amountFen\":-1,\"channel\":\"WECHAT\"}").post("/api/v1/donations")
                .then().statusCode(422).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", PAGE).body("status", equalTo(422));
    }

    static List<String> lower(String commaSeparated) {
        assertTrue(commaSeparated != null, "header missing");
        return List.of(commaSeparated.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }
}
