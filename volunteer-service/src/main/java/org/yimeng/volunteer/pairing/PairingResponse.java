package org.yimeng.volunteer.pairing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A pairing with its current volunteers ({@code volunteerIds}; the last two for an ended pairing) and the full
 * membership history ({@code members}, replaced volunteers included).
 */
public record PairingResponse(UUID id, UUID householdId, UUID communityId, @Schema(nullable = true) UUID gridId, PairingStatus status,
        List<UUID> volunteerIds, List<Member> members, Instant createdAt, @Schema(nullable = true) Instant endedAt, @Schema(nullable = true) String endReason) {

    /** One volunteer's time in the pairing. */
    public record Member(UUID volunteerId, Instant joinedAt, @Schema(nullable = true) Instant leftAt, @Schema(nullable = true) String leftReason) {
    }
}
