package org.yimeng.volunteer.place;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A county's progress towards its pilots: {@code requiredPilots = ceil(targetRatio × communities)}; {@code ratio}
 * is pilots ÷ communities (0 without communities); {@code meetsTarget} is null and {@code state} NO_COMMUNITIES when
 * the county has no communities. Target and deadlines are the programme calendar's of the business date's year.
 */
public record PilotStatusResponse(String countyCode, long communities, long pilots, BigDecimal ratio,
        BigDecimal targetRatio, long requiredPilots, @Schema(nullable = true) Boolean meetsTarget, PilotState state,
        LocalDate pilotDeadline, LocalDate surveyDeadline) {
}
