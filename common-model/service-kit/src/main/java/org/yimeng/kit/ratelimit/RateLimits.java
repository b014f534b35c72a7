package org.yimeng.kit.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * How much a client may ask for ({@code kit.rate-limit.*}), enforced by {@link RateLimitFilter}. Buckets live in each
 * replica's memory: N replicas together allow N times these figures (api.md, "Settled details").
 */
@ConfigMapping(prefix = "kit.rate-limit")
public interface RateLimits {

    @WithDefault("true")
    boolean enabled();

    /** {@code /public/*} and {@code /p/*}, per client address. */
    @WithName("public")
    Limit publicPages();

    /** POST, PUT, PATCH and DELETE under {@code /api/}, per token subject. */
    Limit writes();

    /**
     * At most this many buckets are kept (least recently used ones go first), so that requests from many addresses
     * cannot exhaust memory; a bucket evicted early only forgets a client's recent use.
     */
    @WithDefault("100000")
    int maxBuckets();

    /**
     * Addresses or CIDR blocks (IPv4 or IPv6) of the proxies whose {@code X-Forwarded-For} is believed; from any other
     * peer the header is ignored and the socket address counts.
     */
    Optional<List<String>> trustedProxies();

    /** A token bucket: {@code capacity} requests at once, refilled evenly to full over {@code period}. */
    interface Limit {
        @WithDefault("120")
        long capacity();

        @WithDefault("PT1M")
        Duration period();
    }
}
