package org.yimeng.volunteer.household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A household as the API shows it: head ID number and phone masked; {@code archive} says whether the basic
 * archive is complete and what is missing; {@code activePairingId} is null while unpaired.
 */
public record HouseholdResponse(UUID id, String countyCode, UUID communityId, @Schema(nullable = true) UUID gridId, String headName,
        @Schema(nullable = true) String headIdNumber, @Schema(nullable = true) String phone, String address, int memberCount, List<HouseholdCategory> categories,
        boolean surveyed, long surveyCount, @Schema(nullable = true) LocalDate lastSurveyedOn, @Schema(nullable = true) UUID activePairingId, Archive archive,
        Instant createdAt, Instant updatedAt) {
}
