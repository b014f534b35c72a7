package org.yimeng.volunteer.attendance;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Residents' own attendance: how late a sign-up may still be cancelled. */
@ConfigMapping(prefix = "attendance")
public interface AttendanceConfig {
    /** No self-cancellation inside this time before the start (the organiser plans with the places). */
    @WithDefault("PT2H")
    Duration signupCutoff();
}
