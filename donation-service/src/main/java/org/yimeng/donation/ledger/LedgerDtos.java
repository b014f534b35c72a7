package org.yimeng.donation.ledger;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Responses of the ledger API. Instants are strings in the hash-line form, so auditors can hash what they read. */
public final class LedgerDtos {
    private LedgerDtos() {
    }

    @Schema(description = "A ledger entry with every field of the hash line (api.md)")
    public record EntryView(long sequence, UUID entryId, EntryType type, UUID communityId, String debitAccount,
            String creditAccount, long amountFen,
            @Schema(format = "date-time", example = "2025-05-18T04:49:00.000000Z") String occurredAt,
            @Schema(format = "date-time", example = "2025-05-18T04:49:00.000000Z") String recordedAt,
            @Schema(nullable = true) UUID reversalOf, String prevHash, String hash) {
        public static EntryView of(Entry e) {
            return new EntryView(e.sequence(), e.entryId(), e.type(), e.communityId(), e.debitAccount(), e.creditAccount(),
                    e.amountFen(), ChainHash.instant(e.occurredAt()), ChainHash.instant(e.recordedAt()), e.reversalOf(),
                    e.prevHash(), e.hash());
        }
    }

    @Schema(description = "A community fund's balance: credits minus debits of entries that occurred before asOf")
    public record BalanceView(UUID communityId, long balanceFen, String asOf, @Schema(nullable = true) Long lastSequence) {
    }

    @Schema(description = "A fund statement for [from, to) in Asia/Shanghai dates, by occurredAt: "
            + "closingFen = openingFen + inFen - outFen + correctionsFen")
    public record StatementView(UUID communityId, LocalDate from, LocalDate to, long openingFen,
            @Schema(description = "Sum of the period's DONATION entries") long inFen,
            @Schema(description = "Sum of the period's DISBURSEMENT entries") long outFen,
            @Schema(description = "Signed sum of the period's REVERSAL entries, as they move the fund: a reversed "
                    + "donation negative, a reversed disbursement positive") long correctionsFen,
            long closingFen, long entryCount) {
    }

    @Schema(description = "The result of recomputing the chain")
    public record VerifyView(boolean valid, long checked, @Schema(nullable = true) Long headSequence, @Schema(nullable = true) String headHash, @Schema(nullable = true) Long firstInvalidSequence,
            @Schema(nullable = true) String reason) {
    }

    public record ReversalRequest(@NotBlank @Size(max = 500) String reason) {
    }
}
