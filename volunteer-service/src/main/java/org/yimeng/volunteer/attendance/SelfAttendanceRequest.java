package org.yimeng.volunteer.attendance;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A self check-in or check-out: the scanned code and, for a fenced activity, where the phone is. */
public record SelfAttendanceRequest(
        @Schema(description = "the scanned QR payload yimeng:attend:<activityId>:<digits>, or the 8 digits alone "
                + "(looked up among the caller's sign-ups whose attendance is open)")
        @NotBlank @Size(max = 100) String code,
        @Schema(nullable = true) @DecimalMin("-90") @DecimalMax("90") Double lat,
        @Schema(nullable = true) @DecimalMin("-180") @DecimalMax("180") Double lng) {
}
