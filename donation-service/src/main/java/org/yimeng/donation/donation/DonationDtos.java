package org.yimeng.donation.donation;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.model.DonationChannel;

/** Request and response of POST /api/v1/donations. */
public final class DonationDtos {
    public static final long MAX_AMOUNT_FEN = 10_000_000L;

    private DonationDtos() {
    }

    @Schema(description = "A gift at a piggy-bank (piggyBankCode) or straight to a community's fund (communityId): exactly one of them.")
    public record DonationRequest(
            @Size(min = 1, max = 32) String piggyBankCode,
            UUID communityId,
            @NotNull @Min(1) @Max(MAX_AMOUNT_FEN) @Schema(description = "Integer fen, 1..10,000,000") Long amountFen,
            @NotNull DonationChannel channel,
            @Size(min = 1, max = 100) String donorName,
            @Pattern(regexp = "1[3-9][0-9]{9}", message = "{org.yimeng.validation.mobile}") String donorPhone,
            @Schema(description = "An anonymous gift carries no donor details (慈善法 §38: still recorded)") Boolean anonymous,
            @Schema(description = "When the money was given (default: when recorded); not in the future") Instant occurredAt) {
    }

    @Schema(description = "A recorded donation: its ledger entry and receipt (捐赠票据) number")
    public record DonationResponse(UUID entryId, long sequence, UUID communityId, long amountFen, String receiptNo,
            String hash, @Schema(format = "date-time", example = "2025-05-18T04:49:00.000000Z") String recordedAt) {
    }
}
