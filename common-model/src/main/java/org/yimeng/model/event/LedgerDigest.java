package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/** A periodic statement of the ledger chain's head, published so that auditors can pin history. */
public record LedgerDigest(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        long headSequence, String headHash, Instant at) implements PlatformEvent {

    public static final String TYPE = "LedgerDigest";
    public static final String KEY = "chain";

    public static LedgerDigest of(long headSequence, String headHash, Instant at) {
        return new LedgerDigest(UUID.randomUUID(), TYPE, Instant.now(), 1, headSequence, headHash, at);
    }

    @Override
    public String key() {
        return KEY;
    }
}
