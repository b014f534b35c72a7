package org.yimeng.volunteer.attendance;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An appeal: when I really left, and, if I also forgot to check in, when I really arrived. */
public record FileAppealRequest(
        @NotNull UUID activityId,
        @NotNull Instant checkedOutAt,
        @Schema(nullable = true, description = "for a forgotten check-in too; else the recorded check-in stands")
        Instant checkedInAt,
        @NotBlank @Size(max = 500) String reason) {
}
