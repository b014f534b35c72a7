package org.yimeng.volunteer.pairing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A pairing with its current volunteers ({@code volunteerIds}; the last two for an ended pairing) and the full
 * membership history ({@code members}, replaced volunteers included).
 */
public record PairingResponse(UUID id, UUID householdId, UUID communityId, UUID gridId, PairingStatus status,
        List<UUID> volunteerIds, List<Member> members, Instant createdAt, Instant endedAt, String endReason) {

    /** One volunteer's time in the pairing. */
    public record Member(UUID volunteerId, Instant joinedAt, Instant leftAt, String leftReason) {
    }
}
