package org.yimeng.volunteer.activity;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who signs up; a volunteer signing themself up may leave {@code volunteerId} out. */
public record SignupRequest(
        @Schema(nullable = true, description = "required for staff; a volunteer omits it (self) or names themself")
        UUID volunteerId) {
}
