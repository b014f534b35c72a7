package org.yimeng.volunteer.pairing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A visit by one or both of the pairing's current volunteers. */
public record CreateVisitRequest(
        @NotNull LocalDate visitedOn,
        @NotNull @Min(1) @Max(720) Integer minutes,
        @NotNull @Size(min = 1, max = 2) List<@NotNull UUID> volunteerIds,
        @Size(max = 1000) String notes) {
}
