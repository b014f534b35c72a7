package org.yimeng.donation.security;

import static org.yimeng.donation.Fixtures.as;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.yimeng.donation.Fixtures;
import org.yimeng.local.DevKeys;
import org.yimeng.local.TestStack;
import org.yimeng.local.Tokens;
import org.yimeng.local.testing.AuthorizationMatrix;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/**
 * The records and callers the authorization matrix (src/test/resources/authz-matrix.tsv) and the hostile-input test
 * use: one county ("IN") with a community that has piggy-banks and donations, a second community of the same county,
 * one of another county, and callers in and out of that scope.
 */
final class ScopeFixtures {
    static final String COUNTY = "371325";
    static final String OTHER_COUNTY = "371328";

    final Map<String, String> vars = new LinkedHashMap<>();
    final Map<String, String> authorization = new LinkedHashMap<>();

    ScopeFixtures(ObjectMapper mapper) {
        UUID community = Fixtures.community(mapper, COUNTY);
        UUID otherCommunity = Fixtures.community(mapper, COUNTY);
        Fixtures.community(mapper, OTHER_COUNTY);
        String piggyBank = Fixtures.piggyBank(community);
        String piggyBankToRetire = as("CITY_ADMIN")
                .body(Map.of("communityId", community, "label", "矩阵爱扑满", "place", "村口")).post("/api/v1/piggy-banks")
                .then().statusCode(201).extract().path("id");
        String piggyBankForPoster = as("CITY_ADMIN")
                .body(Map.of("communityId", community, "label", "海报爱扑满", "place", "党群服务中心")).post("/api/v1/piggy-banks")
                .then().statusCode(201).extract().path("id");
        Response donation = Fixtures.donateTo(community, 500);
        Response withDonor = Fixtures.donate(UUID.randomUUID().toString(), "{\"communityId\":\"" + community
                + "\",\"amountFen\":100,\"channel\":\"CASH\",\"donorName\":\"张三\",\"donorPhone\":\"13800138000\"}");
        withDonor.then().statusCode(201);
        Response toReverse = Fixtures.donateTo(community, 300);

        vars.put("run", UUID.randomUUID().toString().substring(0, 8));
        vars.put("county", COUNTY);
        vars.put("community", community.toString());
        vars.put("otherCommunity", otherCommunity.toString());
        vars.put("piggyBank", piggyBank);
        vars.put("piggyBankToRetire", piggyBankToRetire);
        vars.put("piggyBankForPoster", piggyBankForPoster);
        vars.put("entry", donation.path("entryId"));
        vars.put("sequence", Long.toString(donation.<Number>path("sequence").longValue()));
        vars.put("entryWithDonor", withDonor.path("entryId"));
        vars.put("entryToReverse", toReverse.path("entryId"));

        authorization.put("NONE", null);
        authorization.put("EXPIRED", bearer(TestStack.expiredToken("CITY_ADMIN")));
        authorization.put("FOREIGN_KEY", bearer(foreignKeyToken()));
        authorization.put("OTHER_ISSUER", bearer(otherIssuerToken()));
        authorization.put("UNSIGNED", bearer(unsignedToken()));
        authorization.put("NO_ROLE", bearer(TestStack.token("RESIDENT")));
        authorization.put("VOLUNTEER", bearer(TestStack.token("VOLUNTEER", Map.of("volunteer", UUID.randomUUID().toString()))));
        authorization.put("GRID_WORKER", bearer(TestStack.token("GRID_WORKER", Map.of("grid", UUID.randomUUID().toString(),
                "community", community.toString()))));
        authorization.put("COMMUNITY_ADMIN_IN", bearer(TestStack.token("COMMUNITY_ADMIN",
                Map.of("community", community.toString()))));
        authorization.put("COMMUNITY_ADMIN_OUT", bearer(TestStack.token("COMMUNITY_ADMIN",
                Map.of("community", otherCommunity.toString()))));
        authorization.put("COMMUNITY_ADMIN_NO_CLAIM", bearer(TestStack.token("COMMUNITY_ADMIN")));
        authorization.put("COUNTY_ADMIN_IN", bearer(TestStack.token("COUNTY_ADMIN", Map.of("county", COUNTY))));
        authorization.put("COUNTY_ADMIN_OUT", bearer(TestStack.token("COUNTY_ADMIN", Map.of("county", OTHER_COUNTY))));
        authorization.put("CITY_ADMIN", bearer(TestStack.token("CITY_ADMIN")));
        authorization.put("AUDITOR", bearer(TestStack.token("AUDITOR")));
        authorization.put("COLLECTOR", bearer(TestStack.token("COLLECTOR")));
        authorization.put("FINANCE", bearer(TestStack.token("FINANCE")));
    }

    AuthorizationMatrix matrix() {
        AuthorizationMatrix m = AuthorizationMatrix.load("authz-matrix.tsv");
        vars.forEach(m::var);
        return m;
    }

    static String baseUrl() {
        return "http://localhost:" + RestAssured.port;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A well-formed CITY_ADMIN token signed with a key the service does not trust. */
    private static String foreignKeyToken() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new Tokens(g.generateKeyPair().getPrivate()).mint("CITY_ADMIN", Map.of());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CITY_ADMIN token signed with the trusted key but issued by someone else. */
    private static String otherIssuerToken() {
        // the stack's development key, as TestStack.tokens() uses it
        PrivateKey key = DevKeys.in(Path.of(System.getProperty("yimeng.test.home"))).privateKey();
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer("https://auth.example.org").subject("intruder").upn("intruder").groups(Set.of("CITY_ADMIN"))
                .issuedAt(now).expiresAt(now + Duration.ofHours(1).toSeconds()).jws().keyId("dev").sign(key);
    }

    /** A CITY_ADMIN token with {@code "alg":"none"} and no signature. */
    private static String unsignedToken() {
        long now = System.currentTimeMillis() / 1000;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + Tokens.ISSUER + "\",\"sub\":\"intruder\",\"upn\":\"intruder\","
                + "\"groups\":[\"CITY_ADMIN\"],\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
