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
     * @param scope   scope claims: {@code county}, {@code community}, {@code grid}, {@code volunteer}
     * @param ttl     how long the token is valid; a negative value mints an already expired token
     */
    public String mint(String subject, String role, Map<String, String> scope, Duration ttl) {
        long now = System.currentTimeMillis() / 1000;
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(role))
                .issuedAt(ttl.isNegative() ? now + ttl.getSeconds() - 60 : now)
                .expiresAt(now + ttl.getSeconds());
        new LinkedHashMap<>(scope).forEach(claims::claim);
        return claims.jws().keyId("dev").sign(key);
    }

    public String mint(String role, Map<String, String> scope) {
        return mint("dev-" + role.toLowerCase().replace('_', '-'), role, scope, Duration.ofHours(12));
    }
}
