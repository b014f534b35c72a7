package org.yimeng.kit.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The time the buckets refill by: a monotonic clock, not the wall clock (a clock step must not empty or fill them).
 * A test replaces this bean with a clock it moves by hand.
 */
@ApplicationScoped
public class RateLimitClock {
    public long nanoTime() {
        return System.nanoTime();
    }
}
