package org.yimeng.volunteer.pairing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A recorded visit and the service records it produced, one per volunteer. */
public record VisitResponse(UUID id, UUID pairingId, UUID householdId, LocalDate visitedOn, int minutes,
        List<UUID> volunteerIds, @Schema(nullable = true) String notes, List<UUID> serviceRecordIds, Instant createdAt) {
}
