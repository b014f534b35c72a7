package org.yimeng.volunteer.pairing;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** Swaps one volunteer of a pairing for another, under the same rules as pairing. */
public record ReplaceVolunteerRequest(@NotNull UUID outVolunteerId, @NotNull UUID inVolunteerId) {
}
