package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A donation entered the ledger; {@code balanceAfterFen} is the community fund's balance right after it, and
 * {@code receiptNo} its receipt (捐赠票据) number, so that a payment platform can show it to the donor.
 */
public record DonationRecorded(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        UUID entryId, long sequence, UUID communityId, long amountFen, String channel, long balanceAfterFen,
        String receiptNo)
        implements FundChange {

    public static final String TYPE = "DonationRecorded";

    public static DonationRecorded of(UUID entryId, long sequence, UUID communityId, long amountFen, String channel,
            long balanceAfterFen, String receiptNo) {
        return new DonationRecorded(UUID.randomUUID(), TYPE, Instant.now(), 1, entryId, sequence, communityId,
                amountFen, channel, balanceAfterFen, receiptNo);
    }

    @Override
    public String key() {
        return communityId.toString();
    }
}
