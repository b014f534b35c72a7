package org.yimeng.volunteer.activity;

import java.time.Instant;
import java.util.UUID;

/** A sign-up with its attendance so far. */
public record SignupResponse(UUID id, UUID activityId, UUID volunteerId, Instant checkedInAt, Instant checkedOutAt,
        Instant createdAt) {

    static SignupResponse of(Signup s) {
        return new SignupResponse(s.id, s.activityId, s.volunteerId, s.checkedInAt, s.checkedOutAt, s.createdAt);
    }
}
