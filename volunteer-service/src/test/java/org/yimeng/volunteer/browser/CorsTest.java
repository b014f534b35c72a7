package org.yimeng.volunteer.browser;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A page on another origin calling volunteer-service as a browser would: preflights, then real requests whose
 * answers (errors included) the page can read.
 */
@QuarkusTest
class CorsTest {
    /** The test profile's allowed origin (service-kit's microprofile-config.properties). */
    static final String PAGE = "https://app.test.yimeng.example";

    @Test
    void preflightOfAPatchWithTheApiHeadersIsAnswered() {
        Response r = given().header("Origin", PAGE).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type, Idempotency-Key, Accept-Language")
                .options("/api/v1/volunteers/00000000-0000-0000-0000-000000000001");
        r.then().statusCode(200).header("Access-Control-Allow-Origin", PAGE)
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Credentials", not(equalTo("true")));
        List<String> allowed = lower(r.header("Access-Control-Allow-Headers"));
        for (String h : List.of("authorization", "content-type", "idempotency-key", "accept-language")) {
            assertTrue(allowed.contains(h), h + " not allowed: " + allowed);
        }
    }

    @Test
    void anotherOriginGetsNoAllowOrigin() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/counties").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").auth().oauth2(Fixtures.cityAdmin()).get("/api/v1/counties")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void crossOriginGetAndPostAnswerWithAllowOriginAndExposedHeaders() {
        Response get = given().header("Origin", PAGE).auth().oauth2(Fixtures.cityAdmin()).get("/api/v1/counties");
        get.then().statusCode(200).header("Access-Control-Allow-Origin", PAGE);
        List<String> exposed = lower(get.header("Access-Control-Expose-Headers"));
        for (String h : List.of("idempotent-replayed", "location", "retry-after", "ratelimit-remaining")) {
            assertTrue(exposed.contains(h), h + " not exposed: " + exposed);
        }
        given().header("Origin", PAGE).auth().oauth2(Fixtures.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("countyCode", Fixtures.COUNTY, "name", Fixtures.unique("跨域社区"), "kind", "COMMUNITY"))
                .post("/api/v1/communities")
                .then().statusCode(201).header("Access-Control-Allow-Origin", PAGE)
                .header("RateLimit-Remaining", notNullValue()); // writes are limited per token subject
    }

    @Test
    void problemAnswersCarryCorsHeaders() {
        given().header("Origin", PAGE).get("/api/v1/counties")
                .then().statusCode(401).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", PAGE).body("code", equalTo("UNAUTHORIZED"));
        given().header("Origin", PAGE).auth().oauth2(Fixtures.cityAdmin()).contentType(ContentType.JSON)
                .body(Map.of("countyCode", Fixtures.COUNTY)).post("/api/v1/communities")
                .then().statusCode(422).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", PAGE).body("code", equalTo("VALIDATION_FAILED"));
        given().header("Origin", PAGE).get("/public/v1/certificates/NO-SUCH-CODE")
                .then().statusCode(greaterThanOrEqualTo(400)).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", PAGE).header("RateLimit-Limit", notNullValue());
    }

    static List<String> lower(String commaSeparated) {
        assertTrue(commaSeparated != null, "header missing");
        return List.of(commaSeparated.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }
}
