package org.yimeng.volunteer.volunteer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A volunteer as the API shows it: {@code phone} and {@code idNumber} are always masked; service figures count
 * confirmed service records (ISO week in Asia/Shanghai).
 */
public record VolunteerResponse(UUID id, String name, String phone, @Schema(nullable = true) String idNumber, @Schema(nullable = true) Gender gender,
        @Schema(nullable = true) LocalDate birthDate, String countyCode, UUID communityId, @Schema(nullable = true) UUID gridId, List<String> skills,
        VolunteerStatus status, Instant consentAt, long activePairings, long totalMinutes, int starLevel,
        long weekMinutes, boolean weeklyGoalMet, Instant createdAt, Instant updatedAt) {
}
