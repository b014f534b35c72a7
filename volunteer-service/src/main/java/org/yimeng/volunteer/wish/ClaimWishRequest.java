package org.yimeng.volunteer.wish;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** The volunteer who takes the wish on. */
public record ClaimWishRequest(@NotNull UUID volunteerId) {
}
