package org.yimeng.donation.fund;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A community fund's public disclosure (慈善法 §79, §82): totals and what the money paid for, no personal details. */
@Schema(description = "Public fund report: reversed entries are left out of the totals and the spending list")
public record FundReport(UUID communityId, long donatedFen, long donationCount, long spentFen, long balanceFen,
        List<Spending> spending, String asOf) {

    /** One disbursement to an activity; {@code on} is its Asia/Shanghai date. */
    public record Spending(@Schema(nullable = true) UUID activityId, @Schema(nullable = true) String title, long amountFen, LocalDate on) {
    }
}
