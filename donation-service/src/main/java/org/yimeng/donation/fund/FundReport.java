package org.yimeng.donation.fund;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A community fund's public disclosure (慈善法 §79, §82): totals and what the money paid for, no personal details.
 * In and out have one meaning everywhere (api.md "Settled details"): balance = donated − spent + corrections.
 */
@Schema(description = "Public fund report: donatedFen = donations, spentFen = disbursements, correctionsFen = the "
        + "signed sum of reversals (a reversed donation counts negative, a reversed disbursement positive); "
        + "balanceFen = donatedFen - spentFen + correctionsFen")
public record FundReport(UUID communityId,
        @Schema(description = "Sum of every DONATION entry, reversed or not") long donatedFen,
        @Schema(description = "Number of DONATION entries") long donationCount,
        @Schema(description = "Sum of every DISBURSEMENT entry, reversed or not") long spentFen,
        @Schema(description = "Signed sum of REVERSAL entries, as they move the fund") long correctionsFen,
        long balanceFen, List<Spending> spending, String asOf) {

    /** One disbursement to an activity; {@code on} is its date in the programme's zone; {@code reversed} when taken back. */
    public record Spending(@Schema(nullable = true) UUID activityId, @Schema(nullable = true) String title,
            long amountFen, LocalDate on,
            @Schema(description = "The disbursement was reversed; its amount is back in the fund (correctionsFen)") boolean reversed) {
    }
}
