package org.yimeng.volunteer.place;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.model.CommunityKind;

/** A community as the API shows it; {@code fundBalanceFen} is its piggy-bank fund (integer fen). */
public record CommunityResponse(UUID id, String countyCode, String name, CommunityKind kind, @Schema(nullable = true) String code,
        boolean pilot, @Schema(nullable = true) LocalDate pilotSince, long fundBalanceFen, Instant createdAt, Instant updatedAt) {

    static CommunityResponse of(Community c) {
        return new CommunityResponse(c.id, c.countyCode, c.name, c.kind, c.code, c.pilot, c.pilotSince,
                c.fundBalanceFen, c.createdAt, c.updatedAt);
    }
}
