package org.yimeng.volunteer.progress;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One community's line of the review (a county's review has one per community): the county line's figures less the
 * pilot target, which is a county's. Ratios have four decimals and are 0 when their denominator is 0.
 */
public record CommunityProgressRow(String countyCode, UUID communityId, String communityName, boolean pilot,
        long households, long surveyed, long paired, BigDecimal coverageRatio, long archivesComplete, long wishesOpen,
        long wishesClaimed, long wishesFulfilled, long wishesCancelled, BigDecimal wishFulfilmentRate, long volunteers,
        long activeVolunteers, long volunteersMeetingWeeklyGoal, BigDecimal weeklyGoalRatio, long serviceMinutes) {
}
