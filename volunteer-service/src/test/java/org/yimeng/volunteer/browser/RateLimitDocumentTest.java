package org.yimeng.volunteer.browser;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The served OpenAPI document declares the 429 answer exactly where the rate limits apply. */
@QuarkusTest
class RateLimitDocumentTest {
    @Test
    void writesAndPublicPagesDeclare429WithItsHeadersAndReadsDoNot() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/communities'.post.responses.'429'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/api/v1/communities'.post.responses.'429'.headers.'Retry-After'", notNullValue())
                .body("paths.'/api/v1/communities'.post.responses.'429'.headers.'RateLimit-Remaining'", notNullValue())
                .body("paths.'/public/v1/certificates/{code}'.get.responses.'429'", notNullValue())
                .body("paths.'/api/v1/communities'.get.responses.'429'", nullValue());
    }
}
