package org.yimeng.donation.ledger;

import java.time.Instant;
import java.util.UUID;

/** One ledger entry as stored: exactly the fields of the hash line plus the hash. Instants are whole microseconds. */
public record Entry(long sequence, UUID entryId, EntryType type, UUID communityId, String debitAccount,
        String creditAccount, long amountFen, Instant occurredAt, Instant recordedAt, UUID reversalOf, String prevHash,
        String hash) {

    /** Builds the entry that follows {@code prevHash}, computing its hash by the rule of api.md. */
    public static Entry chained(long sequence, UUID entryId, EntryType type, UUID communityId, String debitAccount,
            String creditAccount, long amountFen, Instant occurredAt, Instant recordedAt, UUID reversalOf,
            String prevHash) {
        Instant occurred = ChainHash.truncate(occurredAt);
        Instant recorded = ChainHash.truncate(recordedAt);
        String hash = ChainHash.hash(sequence, entryId, type.name(), communityId, debitAccount, creditAccount, amountFen,
                occurred, recorded, reversalOf, prevHash);
        return new Entry(sequence, entryId, type, communityId, debitAccount, creditAccount, amountFen, occurred,
                recorded, reversalOf, prevHash, hash);
    }

    /** The change this entry makes to the balance of {@code account}: + on the credit side, - on the debit side. */
    public long deltaFor(String account) {
        if (account.equals(creditAccount)) {
            return amountFen;
        }
        if (account.equals(debitAccount)) {
            return -amountFen;
        }
        return 0;
    }
}
