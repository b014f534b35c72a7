package org.yimeng.volunteer.place;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A county's progress towards its pilots: {@code requiredPilots = ceil(targetRatio × communities)}; {@code ratio}
 * is pilots ÷ communities (0 without communities).
 */
public record PilotStatusResponse(String countyCode, long communities, long pilots, BigDecimal ratio,
        BigDecimal targetRatio, long requiredPilots, boolean meetsTarget, LocalDate pilotDeadline,
        LocalDate surveyDeadline) {
}
