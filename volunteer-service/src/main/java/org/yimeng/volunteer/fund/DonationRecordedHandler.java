package org.yimeng.volunteer.fund;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.yimeng.kit.consumer.EventHandler;
import org.yimeng.model.event.DonationRecorded;
import org.yimeng.model.event.Topics;

/** The ledger recorded a donation: the community's fund balance follows (idempotent by event id and by position). */
@ApplicationScoped
public class DonationRecordedHandler implements EventHandler<DonationRecorded> {
    @Inject
    FundBalance balance;

    @Override
    public String topic() {
        return Topics.DONATIONS;
    }

    @Override
    public Class<DonationRecorded> eventType() {
        return DonationRecorded.class;
    }

    @Override
    public void apply(DonationRecorded e) {
        if (e.communityId() == null || e.occurredAt() == null) {
            return; // nothing to place; the ledger never sends such a record
        }
        balance.donation(e.communityId(), e.sequence(), e.occurredAt(), e.balanceAfterFen());
    }
}
