package org.yimeng.volunteer.activity;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sign-up with its attendance so far. */
public record SignupResponse(UUID id, UUID activityId, UUID volunteerId, @Schema(nullable = true) Instant checkedInAt, @Schema(nullable = true) Instant checkedOutAt,
        Instant createdAt) {

    static SignupResponse of(Signup s) {
        return new SignupResponse(s.id, s.activityId, s.volunteerId, s.checkedInAt, s.checkedOutAt, s.createdAt);
    }
}
