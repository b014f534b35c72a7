package org.yimeng.volunteer.place;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.yimeng.model.CommunityKind;

/** A community as the API shows it; {@code fundBalanceFen} is its piggy-bank fund (integer fen). */
public record CommunityResponse(UUID id, String countyCode, String name, CommunityKind kind, String code,
        boolean pilot, LocalDate pilotSince, long fundBalanceFen, Instant createdAt, Instant updatedAt) {

    static CommunityResponse of(Community c) {
        return new CommunityResponse(c.id, c.countyCode, c.name, c.kind, c.code, c.pilot, c.pilotSince,
                c.fundBalanceFen, c.createdAt, c.updatedAt);
    }
}
