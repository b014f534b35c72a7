package org.yimeng.volunteer.me;

import static org.yimeng.volunteer.Fixtures.as;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.yimeng.local.TestStack;
import org.yimeng.volunteer.Fixtures;

/** Resident tokens as the city's identity provider issues them, and self-registration bodies. */
final class Residents {
    private Residents() {
    }

    static String sub() {
        return "idp|" + UUID.randomUUID();
    }

    /** A RESIDENT token with a verified E.164 phone. */
    static String token(String sub, String phone) {
        return TestStack.tokens().mint(sub, "RESIDENT", Map.of("phone_number", "+86" + phone), Duration.ofHours(1));
    }

    static String token(String sub, String phone, Map<String, String> claims) {
        Map<String, String> all = new HashMap<>(claims);
        all.put("phone_number", "+86" + phone);
        return TestStack.tokens().mint(sub, "RESIDENT", all, Duration.ofHours(1));
    }

    static Map<String, Object> body(String community, String name) {
        return new HashMap<>(Map.of("name", name, "communityId", community, "skills", List.of("陪伴"), "consent", true));
    }

    /** Registers a new resident in the community and answers their token. */
    static String registered(String community) {
        String token = token(sub(), Fixtures.phone());
        as(token).body(body(community, Fixtures.unique("居民"))).post("/api/v1/me/volunteer").then().statusCode(201);
        return token;
    }
}
