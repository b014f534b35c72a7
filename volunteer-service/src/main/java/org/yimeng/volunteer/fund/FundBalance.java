package org.yimeng.volunteer.fund;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.yimeng.model.event.FundChange;

/**
 * Keeps each community's {@code fund_balance_fen} equal to the ledger's balance, from the balances the ledger's
 * events carry ({@code balanceAfterFen}). The value is replaced, never added to, so a redelivered event cannot count
 * twice; it is replaced only by a fact of a <em>higher ledger sequence</em> than the one applied
 * ({@code fund_balance_seq}), so an event delivered late (the two topics interleave freely) never rolls it back.
 * The conditional UPDATE takes the row lock and re-checks the condition, so two consumers racing on one community
 * still leave the highest sequence's balance. Every change of a fund is an event with a sequence (donations,
 * decisions, reversals: events.md); once all are applied the value is the ledger's.
 */
@ApplicationScoped
public class FundBalance {
    private static final Logger LOG = Logger.getLogger(FundBalance.class);

    @Inject
    EntityManager em;

    /** Applies the event's balance if its sequence is newer than the applied one. */
    public void apply(FundChange e) {
        if (e.communityId() == null || e.sequence() < 1) {
            return; // nothing to place (a producer before the sequence field: see legacyDisbursement)
        }
        int n = em.createNativeQuery("""
                UPDATE community SET fund_balance_fen = ?2, fund_balance_seq = ?3, fund_balance_at = ?4
                WHERE id = ?1 AND fund_balance_seq < ?3""")
                .setParameter(1, e.communityId()).setParameter(2, e.balanceAfterFen()).setParameter(3, e.sequence())
                .setParameter(4, e.occurredAt()).executeUpdate();
        if (n == 0) {
            LOG.debugf("fund balance of %s: sequence %d is not newer than what was applied, or the community is unknown",
                    e.communityId(), e.sequence());
        }
    }

    /**
     * An approved decision from a ledger that did not yet send {@code sequence} (during a rolling upgrade): the old
     * rule, applied when strictly later by instant than the last applied event.
     */
    public void legacyDisbursement(UUID communityId, Instant occurredAt, long balanceAfterFen) {
        int n = em.createNativeQuery("""
                UPDATE community SET fund_balance_fen = ?2, fund_balance_at = ?3
                WHERE id = ?1 AND (fund_balance_at IS NULL OR fund_balance_at < ?3)""")
                .setParameter(1, communityId).setParameter(2, balanceAfterFen).setParameter(3, occurredAt)
                .executeUpdate();
        if (n == 0) {
            LOG.debugf("fund balance of %s: a decision without sequence is older than what was applied", communityId);
        }
    }
}
