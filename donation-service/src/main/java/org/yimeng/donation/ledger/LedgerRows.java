package org.yimeng.donation.ledger;

import java.time.Instant;
import java.util.UUID;

/** The rows a ledger batch writes beside its entries, one record per table, as {@link LedgerStore} inserts them. */
public final class LedgerRows {
    private LedgerRows() {
    }

    /** {@code donation}: a gift's idempotency key and fingerprint, receipt number, piggy-bank and channel. */
    public record DonationRow(UUID entryId, String idempotencyKey, String requestHash, String receiptNo, UUID piggyBankId,
            String channel, boolean anonymous) {
    }

    /** {@code donor}: a named gift's donor (personal data: never in an entry, an event or a log). */
    public record DonorRow(UUID entryId, String name, String phone) {
        @Override
        public String toString() {
            return "DonorRow[entryId=" + entryId + "]";
        }
    }

    /** {@code disbursement}: what a DISBURSEMENT entry paid for. */
    public record DisbursementRow(UUID entryId, UUID requestId, UUID activityId, String purpose) {
    }

    /** {@code funding_decision}: the final answer to one funding request. */
    public record FundingDecisionRow(UUID requestId, UUID activityId, UUID communityId, long amountFen, boolean approved,
            UUID entryId, String reason, long balanceAfterFen, Instant decidedAt) {
    }

    /** {@code reversal}: why an entry was reversed, and who asked. */
    public record ReversalRow(UUID entryId, String reason, String requestedBy) {
    }

    /** {@code account_balance}: how much a batch moves one account's balance (signed: debits are negative). */
    public record BalanceChange(Account account, long deltaFen) {
    }
}
