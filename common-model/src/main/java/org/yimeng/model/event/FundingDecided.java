package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/** The ledger's answer to a {@link FundingRequested}: a disbursement entry, or a rejection with its reason. */
public record FundingDecided(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        UUID requestId, UUID activityId, UUID communityId, boolean approved, UUID entryId, String reason,
        long balanceAfterFen) implements PlatformEvent {

    public static final String TYPE = "FundingDecided";

    public static FundingDecided of(UUID requestId, UUID activityId, UUID communityId, boolean approved, UUID entryId,
            String reason, long balanceAfterFen) {
        return new FundingDecided(UUID.randomUUID(), TYPE, Instant.now(), 1, requestId, activityId, communityId,
                approved, entryId, reason, balanceAfterFen);
    }

    @Override
    public String key() {
        return communityId.toString();
    }
}
