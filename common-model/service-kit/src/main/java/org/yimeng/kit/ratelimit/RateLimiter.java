package org.yimeng.kit.ratelimit;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * In-memory token buckets (Bucket4j), one per policy and key, held in a bounded Caffeine cache. A bucket idle for
 * a whole period is full again, so it may be dropped then without changing any answer.
 */
@ApplicationScoped
public class RateLimiter {

    /** What one request took: whether it may go on, and the figures for the RateLimit headers. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    @Inject
    public RateLimiter(RateLimits config, RateLimitClock clock) {
        Duration longest = config.publicPages().period().compareTo(config.writes().period()) > 0
                ? config.publicPages().period() : config.writes().period();
        this.buckets = Caffeine.newBuilder().maximumSize(config.maxBuckets()).expireAfterAccess(longest).build();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    public Decision take(String policy, RateLimits.Limit limit, String key) {
        Bucket bucket = buckets.get(policy + ' ' + key, k -> Bucket.builder()
                .addLimit(b -> b.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long reset = seconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new Decision(true, limit.capacity(), probe.getRemainingTokens(), reset, 0);
        }
        return new Decision(false, limit.capacity(), 0, reset, Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
