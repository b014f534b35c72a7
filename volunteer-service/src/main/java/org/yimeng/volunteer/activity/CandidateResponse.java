package org.yimeng.volunteer.activity;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A volunteer who could answer a call-out: has the skills, is free then; proximity GRID, COMMUNITY or COUNTY. */
public record CandidateResponse(UUID volunteerId, String name, String phone, UUID communityId, @Schema(nullable = true) UUID gridId,
        List<String> skills, String proximity, long totalMinutes) {
}
