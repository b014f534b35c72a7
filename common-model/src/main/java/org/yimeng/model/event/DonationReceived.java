package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A donation reported by a payment platform or a cash-box count, to be recorded once per {@code idempotencyKey}
 * (the same key over HTTP and over Kafka is one donation). Either {@code piggyBankCode} or {@code communityId}.
 */
public record DonationReceived(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        String idempotencyKey, String piggyBankCode, UUID communityId, long amountFen, String channel,
        Donor donor) implements PlatformEvent {

    public static final String TYPE = "DonationReceived";

    /** Optional donor details; kept apart from the ledger entries so that they can be erased. */
    public record Donor(String name, String phone, boolean anonymous) {
    }

    @Override
    public String key() {
        return communityId != null ? communityId.toString() : piggyBankCode;
    }
}
