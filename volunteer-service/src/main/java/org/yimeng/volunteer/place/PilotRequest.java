package org.yimeng.volunteer.place;

import jakarta.validation.constraints.NotNull;

/** Designates a community as a pilot, or withdraws it. */
public record PilotRequest(@NotNull Boolean pilot) {
}
