package org.yimeng.volunteer.servicerecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A service record as the API shows it; {@code flagged} when minutes were closed by rule (missing check-out). */
public record ServiceRecordResponse(UUID id, UUID volunteerId, SourceKind sourceKind, UUID sourceId,
        UUID communityId, LocalDate serviceDate, @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant endedAt, int minutes, String place,
        String content, @Schema(nullable = true) String confirmedBy, @Schema(nullable = true) Instant confirmedAt, boolean flagged, Instant createdAt) {

    public static ServiceRecordResponse of(ServiceRecord s) {
        return new ServiceRecordResponse(s.id, s.volunteerId, s.sourceKind, s.sourceId, s.communityId, s.serviceDate,
                s.startedAt, s.endedAt, s.minutes, s.place, s.content, s.confirmedBy, s.confirmedAt, s.flagged,
                s.createdAt);
    }
}
