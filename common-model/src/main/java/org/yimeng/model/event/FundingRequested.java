package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/** An activity asks its community's fund for money; the ledger decides exactly once per {@code requestId}. */
public record FundingRequested(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        UUID requestId, UUID activityId, UUID communityId, long amountFen, String purpose) implements PlatformEvent {

    public static final String TYPE = "FundingRequested";

    public static FundingRequested of(UUID requestId, UUID activityId, UUID communityId, long amountFen, String purpose) {
        return new FundingRequested(UUID.randomUUID(), TYPE, Instant.now(), 1, requestId, activityId, communityId,
                amountFen, purpose);
    }

    @Override
    public String key() {
        return communityId.toString();
    }
}
