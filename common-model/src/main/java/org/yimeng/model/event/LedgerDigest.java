package org.yimeng.model.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A periodic statement of the ledger chain's head, published so that auditors can pin history. {@code fromSequence}
 * and {@code merkleRoot} (added fields) name the digest's period, the entries after the previous digest's head, and
 * the RFC 9162 Merkle root over them, against which a gift's proof is checked (docs/ledger-hash.md); null in digests
 * published before gift proofs existed.
 */
public record LedgerDigest(UUID eventId, String type, Instant occurredAt, int schemaVersion,
        long headSequence, String headHash, Instant at, Long fromSequence, String merkleRoot) implements PlatformEvent {

    public static final String TYPE = "LedgerDigest";
    public static final String KEY = "chain";

    public static LedgerDigest of(long headSequence, String headHash, Instant at) {
        return of(headSequence, headHash, at, null, null);
    }

    public static LedgerDigest of(long headSequence, String headHash, Instant at, Long fromSequence, String merkleRoot) {
        return new LedgerDigest(UUID.randomUUID(), TYPE, Instant.now(), 1, headSequence, headHash, at, fromSequence,
                merkleRoot);
    }

    @Override
    public String key() {
        return KEY;
    }
}
