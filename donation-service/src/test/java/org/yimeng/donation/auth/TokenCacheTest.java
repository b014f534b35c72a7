package org.yimeng.donation.auth;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimeng.kit.auth.CachingJwtParser;
import org.yimeng.local.TestStack;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.auth.principal.JWTParser;

/** The verified-token cache is the parser in use, and it lets nothing through that verification would refuse. */
@QuarkusTest
class TokenCacheTest {
    @Inject
    JWTParser parser;

    @Test
    void cachedTokensStillOnlyLetValidTokensIn() {
        assertInstanceOf(CachingJwtParser.class, parser);
        String token = TestStack.token("AUDITOR");
        for (int i = 0; i < 3; i++) {
            RestAssured.given().auth().oauth2(token).get("/api/v1/ledger/verify?fromSequence=1&toSequence=1")
                    .then().statusCode(200);
        }
        // the same claims with another signature, and an expired token: verified (and refused), never served from the cache
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + UUID.randomUUID().toString().replace("-", "");
        RestAssured.given().auth().oauth2(forged).get("/api/v1/ledger/verify").then().statusCode(401);
        RestAssured.given().auth().oauth2(TestStack.expiredToken("AUDITOR")).get("/api/v1/ledger/verify").then().statusCode(401);
        // a COLLECTOR's token does not open an AUDITOR's door, cached or not
        String collector = TestStack.token("COLLECTOR");
        RestAssured.given().auth().oauth2(collector).get("/api/v1/ledger/verify").then().statusCode(403);
        RestAssured.given().auth().oauth2(collector).get("/api/v1/ledger/verify").then().statusCode(403);
    }
}
