package org.yimeng.donation.support;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimeng.model.ErrorCode;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Answers bodies over {@code quarkus.http.limits.max-body-size} (the kit's 1 MB) with a 413 problem+json like every
 * other error (as volunteer-service does). Quarkus enforces the limit before JAX-RS and would answer an empty 413;
 * this route runs first and refuses by the declared Content-Length. A chunked body declares no length: RESTEasy
 * Reactive would find the excess while streaming it and answer an empty 413 itself, so such a body is read here, up
 * to the limit (Vert.x' BodyHandler, which then fails the route with 413), and handed to JAX-RS already read.
 */
@Singleton
public class BodyLimit {
    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    MemorySize limit;

    void install(@Observes Router router) {
        long max = limit.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length, max)) {
                refuse(ctx, max);
            } else {
                ctx.next();
            }
        });
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(max);
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null && isChunked(ctx)) {
                chunked.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                refuse(ctx, max);
            } else {
                ctx.next();
            }
        });
    }

    private static boolean isChunked(RoutingContext ctx) {
        String te = ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        return te != null && te.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private static boolean tooLong(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself
        }
    }

    private static void refuse(RoutingContext ctx, long max) {
        ErrorCode code = ErrorCode.PAYLOAD_TOO_LARGE;
        String body = "{\"type\":\"https://yimeng.local/problems/payload-too-large\",\"title\":\"" + code.title()
                + "\",\"status\":413,\"detail\":\"The body is larger than " + max + " bytes\",\"code\":\"" + code.name()
                + "\",\"instance\":\"" + ctx.request().path().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        // the client may still be sending: close rather than read a body that will be thrown away
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM)
                .putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }
}
