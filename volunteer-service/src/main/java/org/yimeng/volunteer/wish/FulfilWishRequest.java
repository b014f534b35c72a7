package org.yimeng.volunteer.wish;

import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The wish came true; {@code minutes}, when given, become the claimant's confirmed service record. */
public record FulfilWishRequest(
        @NotNull LocalDate fulfilledOn,
        @NotBlank @Size(max = 1000) String note,
        @Min(1) @Max(720) Integer minutes) {
}
