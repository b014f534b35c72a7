package org.yimeng.volunteer.fund;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

/**
 * Keeps each community's {@code fund_balance_fen} equal to the ledger's balance, from the balances the ledger's
 * events carry ({@code balanceAfterFen}). The value is replaced, never added to, so a redelivered event cannot count
 * twice; it is replaced only by a <em>newer</em> ledger fact, so a late or redelivered event cannot roll it back.
 *
 * <p>Newer means a later position {@code (occurredAt, sequence)}: donations carry the ledger's sequence, decisions
 * only their instant. The ledger writes entries one at a time (one gapless chain) and stamps each event as it writes
 * the entry, so instants follow the chain order across both topics, while within a topic a community's events arrive
 * in order on one partition. Between two donations the sequence decides, whatever their instants. The balance after
 * the newest entry is therefore what remains once all events are applied, in any interleaving of the two topics.
 * Only approved decisions move money; a rejection's balance is a reading, not an entry, and is not applied.
 */
@ApplicationScoped
public class FundBalance {
    private static final Logger LOG = Logger.getLogger(FundBalance.class);

    @Inject
    EntityManager em;

    /** A donation entry: applied when it is after the current position (by sequence among donations). */
    public void donation(UUID communityId, long sequence, Instant occurredAt, long balanceAfterFen) {
        int n = em.createNativeQuery("""
                UPDATE community SET fund_balance_fen = ?2, fund_balance_seq = ?3, fund_balance_at = ?4
                WHERE id = ?1 AND fund_balance_seq < ?3 AND (fund_balance_at IS NULL OR fund_balance_at <= ?4)""")
                .setParameter(1, communityId).setParameter(2, balanceAfterFen).setParameter(3, sequence)
                .setParameter(4, occurredAt).executeUpdate();
        log(n, communityId, "donation " + sequence);
    }

    /** A disbursement entry without a sequence: applied when it is strictly later than the current position. */
    public void disbursement(UUID communityId, Instant occurredAt, long balanceAfterFen) {
        int n = em.createNativeQuery("""
                UPDATE community SET fund_balance_fen = ?2, fund_balance_at = ?3
                WHERE id = ?1 AND (fund_balance_at IS NULL OR fund_balance_at < ?3)""")
                .setParameter(1, communityId).setParameter(2, balanceAfterFen).setParameter(3, occurredAt)
                .executeUpdate();
        log(n, communityId, "disbursement");
    }

    private static void log(int updated, UUID communityId, String what) {
        if (updated == 0) {
            LOG.debugf("fund balance of %s: %s is not newer than what was applied, or the community is unknown",
                    communityId, what);
        }
    }
}
