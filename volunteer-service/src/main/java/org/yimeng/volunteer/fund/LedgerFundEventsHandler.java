package org.yimeng.volunteer.fund;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.yimeng.model.event.DonationRecorded;
import org.yimeng.model.event.FundChange;
import org.yimeng.model.event.ReversalRecorded;
import org.yimeng.model.event.Topics;

/**
 * {@code ledger.donations.v1}: donations and reversals. The community's fund balance follows by sequence
 * ({@link FundBalance}); a reversed disbursement withdraws its activity's funding (FUNDING_WITHDRAWN).
 */
@ApplicationScoped
public class LedgerFundEventsHandler implements org.yimeng.kit.consumer.EventHandler<FundChange> {
    private static final Logger LOG = Logger.getLogger(LedgerFundEventsHandler.class);

    @Inject
    FundBalance balance;

    @Inject
    EntityManager em;

    @Override
    public String topic() {
        return Topics.DONATIONS;
    }

    @Override
    public Class<FundChange> eventType() {
        return FundChange.class;
    }

    /** A record without the header is read as a donation, as before reversals were published. */
    @Override
    public Class<? extends FundChange> eventType(String typeHeader) {
        return ReversalRecorded.TYPE.equals(typeHeader) ? ReversalRecorded.class : DonationRecorded.class;
    }

    @Override
    public void apply(FundChange e) {
        if (e.communityId() == null) {
            return; // nothing to place; the ledger never sends such a record
        }
        balance.apply(e);
        if (e instanceof ReversalRecorded r && r.activityId() != null) {
            withdraw(r);
        }
    }

    /**
     * The activity's money went back to the fund. A FUNDED activity whose entry this was, or one still pending (the
     * decision travels on another topic and may come later; it then moves nothing, as only a pending one moves).
     * A COMPLETED activity stays completed: it took place, and its service records stand.
     */
    private void withdraw(ReversalRecorded r) {
        int n = em.createNativeQuery("""
                UPDATE activity SET status = 'FUNDING_WITHDRAWN', funding_reason = 'REVERSED', updated_at = ?3
                WHERE id = ?1 AND (status = 'FUNDING_PENDING'
                                   OR (status = 'FUNDED' AND (funding_entry_id IS NULL OR funding_entry_id = ?2)))""")
                .setParameter(1, r.activityId()).setParameter(2, r.reversalOf())
                .setParameter(3, r.occurredAt() == null ? Instant.now() : r.occurredAt())
                .executeUpdate();
        if (n == 0) {
            LOG.debugf("reversal %s of activity %s's funding changes no activity (unknown, completed or already withdrawn)",
                    r.entryId(), r.activityId());
        }
    }
}
