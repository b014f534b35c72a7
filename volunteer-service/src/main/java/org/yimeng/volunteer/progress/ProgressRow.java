package org.yimeng.volunteer.progress;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.volunteer.place.PilotState;

/**
 * One line of the review table: a county, or the total ({@code countyCode} "TOTAL"). Ratios have four decimals and
 * are 0 when their denominator is 0. Without communities {@code pilotsMeetTarget} is null and {@code pilotState}
 * NO_COMMUNITIES.
 */
public record ProgressRow(@Schema(nullable = true) String countyCode, @Schema(nullable = true) String countyName,
        long communities, long pilots, long targetPilots,
        @Schema(nullable = true) Boolean pilotsMeetTarget, long households, long surveyed, long paired, BigDecimal coverageRatio,
        long archivesComplete, long wishesOpen, long wishesClaimed, long wishesFulfilled, long wishesCancelled,
        BigDecimal wishFulfilmentRate, long volunteers, long activeVolunteers, long volunteersMeetingWeeklyGoal,
        BigDecimal weeklyGoalRatio, long serviceMinutes, PilotState pilotState) {
}
