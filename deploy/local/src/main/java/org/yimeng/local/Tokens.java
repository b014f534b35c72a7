package org.yimeng.local;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Mints bearer tokens with the roles and scope claims of api.md, signed with a given key. */
public final class Tokens {
    /** The issuer both services expect ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "https://auth.yimeng.local";

    private final PrivateKey key;

    public Tokens(PrivateKey key) {
        this.key = key;
    }

    /**
     * A token for one role.
     *
     * @param subject who the caller is (goes to {@code sub} and {@code upn})
     * @param role    a role of domain.md, e.g. {@code COUNTY_ADMIN}
     * @param scope   scope claims ({@code county}, {@code community}, {@code grid}, {@code volunteer}) and any other
     *                claim as name and value; {@code sub} replaces the subject, {@code true}/{@code false} are
     *                booleans, and a RESIDENT with a {@code phone_number} gets {@code phone_number_verified} true
     * @param ttl     how long the token is valid; a negative value mints an already expired token
     */
    public String mint(String subject, String role, Map<String, String> scope, Duration ttl) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> rest = new LinkedHashMap<>(scope);
        // sub=... names the caller (a resident's identity-provider subject); other claims go in as given
        String sub = rest.containsKey("sub") ? rest.remove("sub") : subject;
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(sub).upn(sub).groups(Set.of(role))
                .issuedAt(ttl.isNegative() ? now + ttl.getSeconds() - 60 : now)
                .expiresAt(now + ttl.getSeconds());
        if ("RESIDENT".equals(role) && rest.containsKey("phone_number")) {
            rest.putIfAbsent("phone_number_verified", "true"); // the identity provider verified it
        }
        rest.forEach((name, value) -> {
            if ("true".equals(value) || "false".equals(value)) {
                claims.claim(name, Boolean.parseBoolean(value)); // OpenID Connect's *_verified claims are booleans
            } else {
                claims.claim(name, value);
            }
        });
        return claims.jws().keyId("dev").sign(key);
    }

    public String mint(String role, Map<String, String> scope) {
        return mint("dev-" + role.toLowerCase().replace('_', '-'), role, scope, Duration.ofHours(12));
    }
}
