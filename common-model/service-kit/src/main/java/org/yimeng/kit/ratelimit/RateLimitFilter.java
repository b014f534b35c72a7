package org.yimeng.kit.ratelimit;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.yimeng.kit.error.Problem;
import org.yimeng.model.ErrorCode;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies {@link RateLimits}: public pages per client address ({@link ClientAddress}), writes per token subject.
 * Over the limit: 429 problem+json {@code RATE_LIMITED} with {@code Retry-After}. Every limited request's answer
 * carries the IETF draft headers {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}
 * (seconds until the bucket is full again). Runs before matching, so unknown paths count too; a write without a
 * valid token is not counted here (it is answered 401 anyway). CORS preflights never reach JAX-RS.
 */
public class RateLimitFilter {
    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    private static final String DECISION = RateLimitFilter.class.getName();
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RateLimits config;
    private final RateLimiter limiter;
    private final TrustedProxies trusted;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    public RateLimitFilter(RateLimits config, RateLimiter limiter) {
        this.config = config;
        this.limiter = limiter;
        this.trusted = TrustedProxies.of(config.trustedProxies());
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> limit(ContainerRequestContext request, RoutingContext rc) {
        if (!config.enabled()) {
            return Uni.createFrom().nullItem();
        }
        String path = rc.normalizedPath();
        if (isPublic(path)) {
            String peer = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress();
            List<String> forwarded = rc.request().headers().getAll("X-Forwarded-For");
            String client = ClientAddress.resolve(peer, forwarded, trusted);
            return Uni.createFrom().item(() -> apply(request, "public", config.publicPages(), client, path));
        }
        if (path.startsWith("/api/") && WRITES.contains(request.getMethod())) {
            return identities.getDeferredIdentity()
                    .onFailure().recoverWithNull()
                    .map(identity -> {
                        String subject = subject(identity);
                        return subject == null ? null : apply(request, "writes", config.writes(), subject, path);
                    });
        }
        return Uni.createFrom().nullItem();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision d) {
            put(response.getHeaders(), d);
        }
    }

    static boolean isPublic(String path) {
        return path.startsWith("/public/") || path.equals("/public") || path.startsWith("/p/") || path.equals("/p");
    }

    private Response apply(ContainerRequestContext request, String policy, RateLimits.Limit limit, String key,
            String path) {
        RateLimiter.Decision d = limiter.take(policy, limit, key);
        request.setProperty(DECISION, d);
        if (d.allowed()) {
            return null;
        }
        Problem problem = new Problem(ErrorCode.RATE_LIMITED,
                "Too many requests; retry in " + d.retryAfterSeconds() + " s", path, null);
        Response r = Response.status(429).type(Problem.MEDIA_TYPE).entity(problem)
                .header("Retry-After", d.retryAfterSeconds()).build();
        put(r.getHeaders(), d);
        return r;
    }

    private static void put(MultivaluedMap<String, Object> headers, RateLimiter.Decision d) {
        headers.putSingle(LIMIT, d.limit());
        headers.putSingle(REMAINING, d.remaining());
        headers.putSingle(RESET, d.resetSeconds());
    }

    private static String subject(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        Principal p = identity.getPrincipal();
        if (p instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return p == null ? null : p.getName();
    }
}
