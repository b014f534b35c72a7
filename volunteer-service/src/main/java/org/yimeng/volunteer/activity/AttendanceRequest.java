package org.yimeng.volunteer.activity;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** A check-in or check-out; {@code at} defaults to now (entered later for ad-hoc service). */
public record AttendanceRequest(@NotNull UUID volunteerId, Instant at) {
}
