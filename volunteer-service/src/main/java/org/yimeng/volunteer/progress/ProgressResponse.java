package org.yimeng.volunteer.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.yimeng.volunteer.config.ProgrammeYear;

/**
 * The progress review as of today (Asia/Shanghai): one row per county in scope and their total; for one county also
 * one row per community ({@code communities}; empty city-wide), and for one community only its row (no county rows,
 * the total is that community's). {@code programme} is the calendar of today's year.
 */
public record ProgressResponse(LocalDate asOf, LocalDate weekStart, BigDecimal pilotTargetRatio, int weeklyGoalMinutes,
        List<ProgressRow> rows, ProgressRow total, List<CommunityProgressRow> communities, ProgrammeYear programme) {
}
