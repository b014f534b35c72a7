package org.yimeng.kit.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;

/** The cache's rules without a server: one verification per token, never past the token's expiry. */
class CachingJwtParserTest {
    private final AtomicInteger verifications = new AtomicInteger();

    private CachingJwtParser parser(long expEpochSecond) {
        CachingJwtParser p = new CachingJwtParser();
        p.ttlSeconds = 60;
        p.maxEntries = 2;
        p.delegate = new DefaultJWTParser() {
            @Override
            public JsonWebToken parse(String token) {
                verifications.incrementAndGet();
                return (JsonWebToken) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JsonWebToken.class},
                        (proxy, method, args) -> switch (method.getName()) {
                            case "getExpirationTime" -> expEpochSecond;
                            case "getName" -> token;
                            case "getIssuer" -> "https://idp.example/" + token.substring(0, 1);
                            default -> null;
                        });
            }
        };
        return p;
    }

    @Test
    void aTokenIsVerifiedOnceWhileValid() throws Exception {
        CachingJwtParser p = parser(System.currentTimeMillis() / 1000 + 3600);
        JsonWebToken first = p.parse("a.b.c");
        assertSame(first, p.parse("a.b.c"));
        assertEquals(1, verifications.get());
        p.parse("a.b.d"); // another signature is another token
        assertEquals(2, verifications.get());
    }

    @Test
    void anExpiredTokenIsAlwaysVerifiedAgain() throws Exception {
        CachingJwtParser p = parser(System.currentTimeMillis() / 1000 - 1);
        p.parse("a.b.c");
        p.parse("a.b.c");
        assertEquals(2, verifications.get());
    }

    @Test
    void theCacheStaysBounded() throws Exception {
        CachingJwtParser p = parser(System.currentTimeMillis() / 1000 + 3600);
        p.parse("t1");
        p.parse("t2");
        p.parse("t3"); // full: emptied, then t3 kept
        p.parse("t3");
        p.parse("t1");
        assertEquals(4, verifications.get());
    }

    @Test
    void withAnIssuerListOnlyThoseIssuersAreTrusted() throws Exception {
        CachingJwtParser p = parser(System.currentTimeMillis() / 1000 + 3600);
        p.issuers = java.util.Optional.of(java.util.List.of("https://idp.example/s", "https://idp.example/r"));
        p.parse("s.staff.sig");
        p.parse("r.resident.sig");
        org.junit.jupiter.api.Assertions.assertThrows(io.smallrye.jwt.auth.principal.ParseException.class,
                () -> p.parse("x.foreign.sig"));
        org.junit.jupiter.api.Assertions.assertThrows(io.smallrye.jwt.auth.principal.ParseException.class,
                () -> p.parse("x.foreign.sig"), "a refused token is never cached");
    }
}
