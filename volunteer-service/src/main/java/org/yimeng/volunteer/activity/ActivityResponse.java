package org.yimeng.volunteer.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An activity as the API shows it, with its sign-up count and funding state. */
public record ActivityResponse(UUID id, String countyCode, UUID communityId, @Schema(nullable = true) UUID gridId, ActivityKind kind,
        String title, String place, Instant startsAt, Instant endsAt, int capacity, int signups, List<String> skills,
        ActivityStatus status, @Schema(nullable = true) Long fundingFen, @Schema(nullable = true) UUID fundingRequestId,
        @Schema(nullable = true) String fundingReason, @Schema(nullable = true) Instant fundingDecidedAt,
        @Schema(nullable = true) Instant completedAt, Instant createdAt, Instant updatedAt,
        @Schema(nullable = true, description = "latitude of the activity (WGS-84)") Double lat,
        @Schema(nullable = true, description = "longitude of the activity (WGS-84)") Double lng,
        @Schema(nullable = true, description = "geofence radius in metres for self check-in") Integer radiusM) {

    static ActivityResponse of(Activity a) {
        return new ActivityResponse(a.id, a.countyCode, a.communityId, a.gridId, a.kind, a.title, a.place, a.startsAt,
                a.endsAt, a.capacity, a.signups, List.of(a.skills), a.status, a.fundingFen, a.fundingRequestId,
                a.fundingReason, a.fundingDecidedAt, a.completedAt, a.createdAt, a.updatedAt, a.lat, a.lng, a.radiusM);
    }
}
