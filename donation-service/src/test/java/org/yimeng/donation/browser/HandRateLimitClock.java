package org.yimeng.donation.browser;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.yimeng.kit.ratelimit.RateLimitClock;

/** The buckets' clock, moved by the test that proves the limits (enabled only by its profile). */
@Alternative
@Priority(1)
@ApplicationScoped
public class HandRateLimitClock extends RateLimitClock {
    private volatile long nanos = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    public void advance(Duration d) {
        nanos += d.toNanos();
    }
}
