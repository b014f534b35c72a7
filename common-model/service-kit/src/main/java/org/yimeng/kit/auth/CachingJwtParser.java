package org.yimeng.kit.auth;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Remembers verified bearer tokens for a short while, in both services. A collector (a payment platform's gateway,
 * a cash-counting desk) sends thousands of donations with one token, and a worker's app sends every request of a
 * session with one; verifying the RSA signature and parsing the claims again for each was a large share of the
 * donation path's CPU.
 *
 * <p>Safe because the key is the whole token, signature included: only a string that verified once can hit, and it
 * maps to exactly what that verification produced. An entry lives until the token's {@code exp} or
 * {@code kit.auth.token-cache.ttl} seconds, whichever comes first, so an expired token is verified again (and
 * refused) and a rotated verification key takes effect within the TTL. Bounded: when full, the cache is emptied.
 * Everything but {@link #parse(String)} goes straight to the default parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {
    private record Verified(JsonWebToken jwt, long untilEpochSecond) {
    }

    @Inject
    DefaultJWTParser delegate;

    @ConfigProperty(name = "kit.auth.token-cache.ttl", defaultValue = "60")
    long ttlSeconds;

    @ConfigProperty(name = "kit.auth.token-cache.max-entries", defaultValue = "2000")
    int maxEntries;

    /**
     * Issuers trusted besides or instead of {@code mp.jwt.verify.issuer}, which smallrye-jwt checks as one value: with
     * a list, set that property to {@code NONE} and the list here decides (api.md: "a list may be configured").
     */
    @ConfigProperty(name = "kit.auth.issuers")
    Optional<List<String>> issuers = Optional.empty();

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis() / 1000;
        Verified v = verified.get(token);
        if (v != null && now < v.untilEpochSecond()) {
            return v.jwt();
        }
        JsonWebToken jwt = delegate.parse(token);
        if (issuers.isPresent() && !issuers.get().isEmpty() && !issuers.get().contains(jwt.getIssuer())) {
            throw new ParseException("The token's issuer is not trusted");
        }
        if (ttlSeconds > 0) {
            long until = Math.min(jwt.getExpirationTime(), now + ttlSeconds);
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
            verified.put(token, new Verified(jwt, until));
        }
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
