package org.yimeng.volunteer.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new activity; {@code fundingFen} asks the community's piggy-bank fund for money (integer fen); {@code lat},
 * {@code lng} mark where it is and with {@code radiusM} fence self check-in.
 */
public record CreateActivityRequest(
        @NotNull UUID communityId,
        UUID gridId,
        @NotNull ActivityKind kind,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 200) String place,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @NotNull @Min(1) @Max(10000) Integer capacity,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> skills,
        @Min(1) @Max(10_000_000) Long fundingFen,
        @DecimalMin("-90") @DecimalMax("90") Double lat,
        @DecimalMin("-180") @DecimalMax("180") Double lng,
        @Min(10) @Max(100_000) Integer radiusM) {
}
