package org.yimeng.volunteer.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.quarkus.arc.ClientProxy;

/**
 * Moves the service's business clock in a @QuarkusTest (tests run one at a time in one application): a scenario
 * that spans an activity's start, end and completion need not wait for them. Always {@link #reset} afterwards.
 */
public final class TestClocks {
    private TestClocks() {
    }

    public static void fix(BusinessClock bean, Instant at) {
        ClientProxy.unwrap(bean).clock = Clock.fixed(at, ZoneOffset.UTC);
    }

    public static void reset(BusinessClock bean) {
        ClientProxy.unwrap(bean).clock = Clock.systemUTC();
    }
}
