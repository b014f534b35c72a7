package org.yimeng.volunteer.pairing;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Pairs a household with two volunteers; anything but two distinct volunteers is PAIRING_NEEDS_TWO_VOLUNTEERS. */
public record CreatePairingRequest(@NotNull UUID householdId, @NotNull @Size(max = 10) List<@NotNull UUID> volunteerIds) {
}
