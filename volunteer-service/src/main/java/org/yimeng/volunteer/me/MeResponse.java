package org.yimeng.volunteer.me;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.volunteer.volunteer.VolunteerResponse;

/**
 * Everything the mobile app's home screen shows, in one call: the caller's own record (masked as everywhere),
 * service figures, the weekly goal and streak, and what the caller has taken on.
 */
public record MeResponse(VolunteerResponse volunteer, long totalMinutes, int starLevel, long weekMinutes,
        long weekRemainingMinutes, boolean weeklyGoalMet, int goalStreakWeeks, List<UpcomingSignup> upcomingSignups,
        List<ServedPairing> pairings, List<ClaimedWish> claimedWishes) {

    /** A sign-up for an activity that has not ended yet, soonest first. */
    public record UpcomingSignup(UUID activityId, String title, String place, Instant startsAt, Instant endsAt,
            String status, @Schema(nullable = true) Instant checkedInAt) {
    }

    /** An ACTIVE pairing the caller serves; the household's address is shown to the pairing's volunteers only. */
    public record ServedPairing(UUID pairingId, UUID householdId, String address, Instant since,
            @Schema(nullable = true) LocalDate lastVisitedOn) {
    }

    /** A wish the caller claimed and has not fulfilled yet, with the address of its household. */
    public record ClaimedWish(UUID wishId, String title, String description, Instant claimedAt, UUID householdId,
            String householdAddress) {
    }
}
