package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/**
 * The ledger's answer to a {@link FundingRequested}: a disbursement entry, or a rejection with its reason.
 * {@code sequence} orders it among the fund's changes (events.md): approved, its disbursement's sequence; rejected,
 * the chain head's sequence at the decision, {@code balanceAfterFen} being the balance as of that sequence. A
 * producer from before the field sends none (read as 0).
 */
public record FundingDecided(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        UUID requestId, UUID activityId, UUID communityId, boolean approved, UUID entryId, String reason,
        long balanceAfterFen, long sequence) implements FundChange {

    public static final String TYPE = "FundingDecided";

    public static FundingDecided of(UUID requestId, UUID activityId, UUID communityId, boolean approved, UUID entryId,
            String reason, long balanceAfterFen, long sequence) {
        return new FundingDecided(UUID.randomUUID(), TYPE, Instant.now(), 1, requestId, activityId, communityId,
                approved, entryId, reason, balanceAfterFen, sequence);
    }

    @Override
    public String key() {
        return communityId.toString();
    }
}
