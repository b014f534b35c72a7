package org.yimeng.kit.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    static final class HandClock extends RateLimitClock {
        long nanos = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return nanos;
        }
    }

    record Limit(long capacity, Duration period) implements RateLimits.Limit {
    }

    static RateLimits config(RateLimits.Limit limit, int maxBuckets) {
        return new RateLimits() {
            public boolean enabled() {
                return true;
            }

            public RateLimits.Limit publicPages() {
                return limit;
            }

            public RateLimits.Limit writes() {
                return limit;
            }

            public int maxBuckets() {
                return maxBuckets;
            }

            public Optional<List<String>> trustedProxies() {
                return Optional.empty();
            }
        };
    }

    final Limit threePerMinute = new Limit(3, Duration.ofMinutes(1));
    final HandClock clock = new HandClock();
    final RateLimiter limiter = new RateLimiter(config(threePerMinute, 1000), clock);

    @Test
    void aBurstOverCapacityIsRefusedWithTheWaitUntilOneMoreToken() {
        for (int i = 2; i >= 0; i--) {
            RateLimiter.Decision d = limiter.take("public", threePerMinute, "a");
            assertTrue(d.allowed());
            assertEquals(i, d.remaining());
            assertEquals(3, d.limit());
        }
        RateLimiter.Decision refused = limiter.take("public", threePerMinute, "a");
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertEquals(20, refused.retryAfterSeconds()); // one token per 20 s
        assertEquals(60, refused.resetSeconds());
    }

    @Test
    void tokensComeBackWithTime() {
        for (int i = 0; i < 3; i++) {
            limiter.take("public", threePerMinute, "a");
        }
        clock.nanos += Duration.ofSeconds(19).toNanos();
        assertFalse(limiter.take("public", threePerMinute, "a").allowed());
        clock.nanos += Duration.ofSeconds(1).toNanos();
        assertTrue(limiter.take("public", threePerMinute, "a").allowed());
        clock.nanos += Duration.ofMinutes(1).toNanos();
        assertEquals(2, limiter.take("public", threePerMinute, "a").remaining()); // full again, never more
    }

    @Test
    void keysAndPoliciesHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.take("public", threePerMinute, "a");
        }
        assertFalse(limiter.take("public", threePerMinute, "a").allowed());
        assertTrue(limiter.take("public", threePerMinute, "b").allowed());
        assertTrue(limiter.take("writes", threePerMinute, "a").allowed());
    }
}
