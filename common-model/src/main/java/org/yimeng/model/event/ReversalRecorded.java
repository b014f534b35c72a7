package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A reversal entered the ledger (on {@link Topics#DONATIONS}, beside {@link DonationRecorded}): every change of a
 * fund is an event, so a consumer never keeps a balance from before it. {@code amountFen} is the reversed amount
 * (positive); {@code activityId} is set when the reversed entry was a disbursement (its funding is withdrawn).
 */
public record ReversalRecorded(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        UUID entryId, long sequence, UUID communityId, UUID reversalOf, long amountFen, long balanceAfterFen,
        UUID activityId) implements FundChange {

    public static final String TYPE = "ReversalRecorded";

    public static ReversalRecorded of(UUID entryId, long sequence, UUID communityId, UUID reversalOf, long amountFen,
            long balanceAfterFen, UUID activityId) {
        return new ReversalRecorded(UUID.randomUUID(), TYPE, Instant.now(), 1, entryId, sequence, communityId,
                reversalOf, amountFen, balanceAfterFen, activityId);
    }

    @Override
    public String key() {
        return communityId.toString();
    }
}
