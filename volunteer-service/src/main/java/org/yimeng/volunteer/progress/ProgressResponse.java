package org.yimeng.volunteer.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The progress review: one row per county in scope and the total, as of today (Asia/Shanghai). */
public record ProgressResponse(LocalDate asOf, LocalDate weekStart, BigDecimal pilotTargetRatio, int weeklyGoalMinutes,
        List<ProgressRow> rows, ProgressRow total) {
}
