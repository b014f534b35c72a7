package org.yimeng.volunteer.attendance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.volunteer.activity.Activity;
import org.yimeng.volunteer.activity.ActivityKind;
import org.yimeng.volunteer.activity.ActivityStatus;

/** An activity as a volunteer browses it: how many places are left and whether they are in. */
public record MyActivityResponse(UUID id, UUID communityId, @Schema(nullable = true) UUID gridId, ActivityKind kind,
        String title, String place, Instant startsAt, Instant endsAt, int capacity, int signups, int freePlaces,
        List<String> skills, ActivityStatus status, @Schema(nullable = true) Double lat,
        @Schema(nullable = true) Double lng, @Schema(nullable = true) Integer radiusM,
        @Schema(description = "in the caller's own community (listed first)") boolean ownCommunity,
        boolean signedUp) {

    static MyActivityResponse of(Activity a, boolean own, boolean signedUp) {
        return new MyActivityResponse(a.id, a.communityId, a.gridId, a.kind, a.title, a.place, a.startsAt, a.endsAt,
                a.capacity, a.signups, a.capacity - a.signups, List.of(a.skills), a.status, a.lat, a.lng, a.radiusM,
                own, signedUp);
    }
}
