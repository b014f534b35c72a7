package org.yimeng.donation.ledger;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.yimeng.donation.ledger.LedgerDtos.VerifyView;

/**
 * Recomputes the chain as an auditor would: contiguous sequences, each prevHash equal to the previous entry's hash,
 * each hash equal to the SHA-256 of its line; and, beyond what the rows alone can show, that the chain still reaches
 * the recorded head (no entries cut off the end) and agrees with every stored digest (no rewritten history).
 * Stops at the first bad sequence. The first entry of a partial range links to the stored hash before it.
 */
@ApplicationScoped
public class ChainVerifier {
    @Inject
    ChainStream chain;

    public VerifyView verify(Long fromSequence, Long toSequence) {
        try {
            return chain.read(s -> check(s, fromSequence == null ? 1 : fromSequence,
                    toSequence == null ? s.headSequence() : toSequence));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("verify", e);
        }
    }

    private static VerifyView check(ChainStream.Session s, long from, long to) throws Exception {
        long last = Math.min(to, s.headSequence());
        if (from > last) {
            return new VerifyView(true, 0, s.headSequence() == 0 ? null : s.headSequence(),
                    s.headSequence() == 0 ? null : s.headHash(), null, null);
        }
        String before = s.storedHash(from - 1);
        if (before == null) {
            return new VerifyView(false, 0, null, null, from - 1, "entry " + (from - 1) + " is missing");
        }
        Map<Long, String> digests = s.digests(from, last);
        Check c = new Check(from, before, digests);
        s.stream(from, last, c);
        if (c.firstInvalid == null && c.expected <= last) {
            c.fail(c.expected, c.expected == from ? "entries " + from + ".." + last + " are missing"
                    : "entries after " + (c.expected - 1) + " are missing; the head is at " + s.headSequence());
        }
        if (c.firstInvalid == null && last == s.headSequence() && !ChainHash.sameHex(c.lastHash, s.headHash())) {
            c.fail(last, "the last entry's hash is not the recorded head hash");
        }
        // headSequence/headHash are the chain's real head, whatever range was checked (checked says how many)
        return new VerifyView(c.firstInvalid == null, c.checked, s.headSequence() == 0 ? null : s.headSequence(),
                s.headSequence() == 0 ? null : s.headHash(), c.firstInvalid, c.reason);
    }

    /** The per-row check, allocation-free apart from what JDBC hands over. */
    private static final class Check implements ChainStream.Visitor {
        private final ChainHash hasher = new ChainHash();
        private final Map<Long, String> digests;
        private final byte[] lastHash = new byte[64];
        long expected;
        long checked;
        Long firstInvalid;
        String reason;

        Check(long from, String before, Map<Long, String> digests) {
            this.expected = from;
            this.digests = digests;
            for (int i = 0; i < 64; i++) {
                lastHash[i] = (byte) before.charAt(i);
            }
        }

        @Override
        public void row(long sequence, String entryId, String type, String communityId, String debitAccount,
                String creditAccount, long amountFen, long occurredMicros, long recordedMicros, String reversalOf,
                String prevHash, String hash) {
            if (firstInvalid != null) {
                return;
            }
            if (sequence != expected) {
                fail(expected, "sequence " + expected + " is missing (next stored is " + sequence + ")");
                return;
            }
            if (!ChainHash.sameHex(lastHash, prevHash)) {
                fail(sequence, "prevHash does not equal the hash of sequence " + (sequence - 1));
                return;
            }
            byte[] computed = hasher.hashHex(sequence, entryId, type, communityId, debitAccount, creditAccount, amountFen,
                    occurredMicros, recordedMicros, reversalOf, prevHash);
            if (!ChainHash.sameHex(computed, hash)) {
                fail(sequence, "hash does not match the entry's fields");
                return;
            }
            String digest = digests.isEmpty() ? null : digests.get(sequence);
            if (digest != null && !digest.equals(hash)) {
                fail(sequence, "hash differs from the digest published for sequence " + sequence);
                return;
            }
            System.arraycopy(computed, 0, lastHash, 0, 64);
            expected++;
            checked++;
        }

        void fail(long sequence, String why) {
            firstInvalid = sequence;
            reason = why;
        }
    }
}
