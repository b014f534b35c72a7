package org.yimeng.volunteer.wish;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A household's micro-wish. */
public record CreateWishRequest(
        @NotBlank @Size(max = 100) String title,
        @NotBlank @Size(max = 1000) String description,
        @Min(0) @Max(10_000_000) Long estimatedCostFen) {
}
