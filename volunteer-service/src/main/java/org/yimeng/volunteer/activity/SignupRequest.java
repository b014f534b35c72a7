package org.yimeng.volunteer.activity;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** Who signs up. */
public record SignupRequest(@NotNull UUID volunteerId) {
}
