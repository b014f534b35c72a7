package org.yimeng.volunteer.activity;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.yimeng.kit.consumer.EventHandler;
import org.yimeng.model.event.FundingDecided;
import org.yimeng.model.event.Topics;
import org.yimeng.volunteer.fund.FundBalance;

/**
 * The ledger decided an activity's funding request: FUNDING_PENDING → FUNDED or FUNDING_REJECTED (with the reason).
 * Only a pending activity moves, so a redelivered or late decision changes nothing; the kit also skips event ids it
 * has applied. A decision also carries the community fund's balance as of its ledger sequence (approved: after its
 * disbursement; rejected: at the decision).
 */
@ApplicationScoped
public class FundingDecidedHandler implements EventHandler<FundingDecided> {
    private static final Logger LOG = Logger.getLogger(FundingDecidedHandler.class);

    @Inject
    EntityManager em;

    @Inject
    FundBalance balance;

    @Override
    public String topic() {
        return Topics.FUNDING_DECISIONS;
    }

    @Override
    public Class<FundingDecided> eventType() {
        return FundingDecided.class;
    }

    @Override
    public void apply(FundingDecided e) {
        if (e.requestId() == null) {
            return;
        }
        int n = em.createNativeQuery("""
                UPDATE activity SET status = ?2, funding_entry_id = ?3, funding_reason = ?4, funding_decided_at = ?5,
                       updated_at = ?5
                WHERE funding_request_id = ?1 AND status = 'FUNDING_PENDING'""")
                .setParameter(1, e.requestId())
                .setParameter(2, e.approved() ? ActivityStatus.FUNDED.name() : ActivityStatus.FUNDING_REJECTED.name())
                .setParameter(3, e.entryId())
                .setParameter(4, e.approved() ? null : (e.reason() == null ? "rejected" : e.reason()))
                .setParameter(5, e.occurredAt() == null ? Instant.now() : e.occurredAt())
                .executeUpdate();
        if (n == 0) {
            LOG.debugf("funding decision for request %s changes nothing (unknown or already decided)", e.requestId());
        }
        if (e.sequence() > 0) {
            balance.apply(e); // approved or not: the balance as of that sequence
        } else if (e.approved() && e.communityId() != null && e.occurredAt() != null) {
            balance.legacyDisbursement(e.communityId(), e.occurredAt(), e.balanceAfterFen());
        }
    }
}
