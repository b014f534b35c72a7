package org.yimeng.donation.ledger;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.yimeng.model.DonationChannel;

/**
 * What the {@link LedgerWriter} appends. Each command carries the future its caller waits on; the writer completes
 * it after the batch's transaction committed, or with an {@link org.yimeng.kit.error.ApiException} when the command
 * broke a rule (a rejected command writes nothing).
 */
public sealed interface LedgerCommand {

    CompletableFuture<?> future();

    /**
     * A gift. Exactly one of {@code piggyBankCode} and {@code communityId}; {@code occurredAt} null means now.
     * {@code requestHash} fingerprints the whole request; {@code legacyRequestHash} the money-only form that rows
     * recorded before issue 13 carry (DonationService.requestHash).
     */
    record Donate(String idempotencyKey, String requestHash, String legacyRequestHash, String piggyBankCode,
            UUID communityId, long amountFen, DonationChannel channel, String donorName, String donorPhone,
            boolean anonymous, Instant occurredAt, CompletableFuture<DonationReceipt> future) implements LedgerCommand {

        /** Whether a stored fingerprint is this request's: the same body (or, for an old row, the same money). */
        public boolean sameRequestAs(String storedHash) {
            return requestHash.equals(storedHash) || legacyRequestHash.equals(storedHash);
        }
    }

    /** Money from a community's fund to one activity, decided once per {@code requestId}. */
    record Disburse(UUID requestId, UUID communityId, UUID activityId, long amountFen, String purpose,
            CompletableFuture<Posted> future) implements LedgerCommand {
    }

    /**
     * A funding request of the saga with volunteer-service, decided once per {@code requestId} and final: approved
     * (a DISBURSEMENT) or rejected with a reason; the decision row, the entry and the {@code FundingDecided} outbox
     * row are written in the writer's batch transaction. Asking again answers the stored decision and writes nothing.
     */
    record Fund(UUID requestId, UUID communityId, UUID activityId, long amountFen, String purpose,
            CompletableFuture<FundingOutcome> future) implements LedgerCommand {
    }

    /** The correction of one entry: the same amount back between the same two accounts. */
    record Reverse(UUID entryId, String reason, String requestedBy, CompletableFuture<Posted> future)
            implements LedgerCommand {
    }

    /** A recorded donation as its response shows it; {@code replayed} when the key had been recorded before. */
    record DonationReceipt(UUID entryId, long sequence, UUID communityId, long amountFen, String receiptNo, String hash,
            Instant recordedAt, long balanceAfterFen, boolean replayed) {
    }

    /** The decision on a funding request; {@code replayed} when it had been decided before (nothing was written). */
    record FundingOutcome(UUID requestId, UUID activityId, UUID communityId, boolean approved, UUID entryId,
            String reason, long balanceAfterFen, boolean replayed) {
    }

    /** An appended (or, for a repeated funding request, earlier) entry and the fund's balance right after it. */
    record Posted(Entry entry, long balanceAfterFen, boolean replayed) {
    }
}
