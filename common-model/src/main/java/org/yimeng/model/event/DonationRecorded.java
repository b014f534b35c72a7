package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/** A donation entered the ledger; {@code balanceAfterFen} is the community fund's balance right after it. */
public record DonationRecorded(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        UUID entryId, long sequence, UUID communityId, long amountFen, String channel, long balanceAfterFen)
        implements PlatformEvent {

    public static final String TYPE = "DonationRecorded";

    public static DonationRecorded of(UUID entryId, long sequence, UUID communityId, long amountFen, String channel,
            long balanceAfterFen) {
        return new DonationRecorded(UUID.randomUUID(), TYPE, Instant.now(), 1, entryId, sequence, communityId,
                amountFen, channel, balanceAfterFen);
    }

    @Override
    public String key() {
        return communityId.toString();
    }
}
