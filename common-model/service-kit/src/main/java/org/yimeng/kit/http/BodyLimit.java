package org.yimeng.kit.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.yimeng.kit.error.Problem;
import org.yimeng.model.ErrorCode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Refuses bodies over their path's limit ({@link BodyLimits}) with 413 problem+json {@code PAYLOAD_TOO_LARGE}, before
 * JAX-RS sees them. Quarkus has one limit per server ({@code quarkus.http.limits.max-body-size}) and answers it with
 * an empty 413; these routes run first.
 * <ul>
 * <li>A declared Content-Length over the limit is refused before the body is read.</li>
 * <li>A chunked body declares no length: RESTEasy Reactive would find the excess while streaming it and answer an
 * empty 413 itself, beyond any hook, and a path limit below the server's would not be seen at all. So a chunked body
 * is read here, up to the limit (Vert.x' BodyHandler, which fails the route with 413 past it), and handed to JAX-RS
 * already read.</li>
 * <li>Except on a path with an override: those are uploads the resource streams (to disk), which must not be held in
 * memory. A chunked body there is streamed and bounded by the server limit, which must therefore be at least every
 * limit here (checked at start) and should equal the largest.</li>
 * </ul>
 */
@Singleton
public class BodyLimit {

    @Inject
    BodyLimits limits;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> serverLimit;

    void install(@Observes Router router) {
        long defaultMax = limits.maxBody().asLongValue();
        Map<String, Long> perPath = new HashMap<>();
        limits.maxBodyPath().forEach((path, size) -> perPath.put(withoutTrailingSlash(path), size.asLongValue()));
        checkServerLimit(defaultMax, perPath);

        BodyHandler readChunked = BodyHandler.create(false).setBodyLimit(defaultMax);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            Long override = perPath.get(withoutTrailingSlash(ctx.normalizedPath()));
            long max = override == null ? defaultMax : override;
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length, max)) {
                refuse(ctx, max);
            } else if (length == null && override == null && isChunked(ctx)) {
                readChunked.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                Long override = perPath.get(withoutTrailingSlash(ctx.normalizedPath()));
                refuse(ctx, override == null ? defaultMax : override);
            } else {
                ctx.next();
            }
        });
    }

    /** Vert.x would cut a body over the server limit off first, with an empty 413 (or a reset connection). */
    private void checkServerLimit(long defaultMax, Map<String, Long> perPath) {
        long server = serverLimit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        long largest = perPath.values().stream().reduce(defaultMax, Math::max);
        if (largest > server) {
            throw new IllegalStateException("kit.http body limit of " + largest + " bytes is above "
                    + "quarkus.http.limits.max-body-size (" + server + " bytes): raise the server limit to the largest "
                    + "kit.http.max-body-path");
        }
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static boolean isChunked(RoutingContext ctx) {
        String te = ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING);
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static boolean tooLong(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed Content-Length itself
        }
    }

    private void refuse(RoutingContext ctx, long max) {
        java.util.Locale lang = org.yimeng.kit.i18n.Language.pick(ctx.request().getHeader("Accept-Language"));
        Problem problem = new Problem(ErrorCode.PAYLOAD_TOO_LARGE, lang, org.yimeng.model.ErrorMessages.detail(
                ErrorCode.PAYLOAD_TOO_LARGE, lang, "The body is larger than " + max + " bytes", "PAYLOAD_TOO_LARGE.detail.bytes",
                max), ctx.request().path(), null);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // the client may still be sending: close rather than read a body that will be thrown away
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }
}
