package org.yimeng.donation.funding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.yimeng.donation.community.CommunityRegistry;
import org.yimeng.donation.ledger.LedgerCommand;
import org.yimeng.donation.ledger.LedgerCommand.FundingOutcome;
import org.yimeng.donation.ledger.LedgerService;
import org.yimeng.donation.ledger.LedgerWriter;
import org.yimeng.kit.consumer.EventHandler;
import org.yimeng.kit.consumer.PoisonEventException;
import org.yimeng.model.event.FundingRequested;
import org.yimeng.model.event.Topics;

/**
 * The ledger's side of the activity funding saga: every {@link FundingRequested} becomes one {@code Fund} command of
 * the single writer, which decides it once per {@code requestId} and writes the decision, the DISBURSEMENT (when
 * approved) and the {@code FundingDecided} outbox row in its own batch transaction.
 *
 * <p>That transaction is not the consumer's (which records the event ids): the writer commits first, then the
 * consumer. A crash in between redelivers the request; the writer finds the stored decision and writes nothing, so
 * the decision stays exactly once per requestId whatever the eventIds. This is also why a request resent with a new
 * eventId changes nothing.
 *
 * <p>A request for a community the ledger does not know yet is parked ({@link FundingParking}) rather than rejected:
 * its CommunityChanged may be a moment behind it on the other topic.
 */
@ApplicationScoped
public class FundingRequestHandler implements EventHandler<FundingRequested> {
    @Inject
    LedgerWriter writer;

    @Inject
    FundingParking parking;

    @Inject
    CommunityRegistry registry;

    @Override
    public String topic() {
        return Topics.FUNDING_REQUESTS;
    }

    @Override
    public Class<FundingRequested> eventType() {
        return FundingRequested.class;
    }

    @Override
    public void apply(FundingRequested event) {
        applyAll(List.of(event));
    }

    @Override
    public void applyAll(List<FundingRequested> events) {
        for (FundingRequested e : events) {
            // without these ids there is nobody to answer and no fund to ask: it can never be decided
            if (e.requestId() == null || e.activityId() == null || e.communityId() == null) {
                throw new PoisonEventException("FundingRequested without requestId, activityId or communityId");
            }
        }
        Set<UUID> known = registry.known(events.stream().map(FundingRequested::communityId).collect(Collectors.toSet()));
        List<CompletableFuture<FundingOutcome>> decided = new ArrayList<>(events.size());
        for (FundingRequested e : events) {
            String purpose = e.purpose() == null ? "" : e.purpose().strip();
            if (!known.contains(e.communityId())) {
                parking.park(e, purpose); // its community may be a moment behind it, on the other topic
                continue;
            }
            decided.add(writer.submit(new LedgerCommand.Fund(e.requestId(), e.communityId(), e.activityId(), e.amountFen(),
                    purpose, new CompletableFuture<>())));
        }
        // a failure here (database away, queue full) is transient: the consumer rewinds and the writer replays
        decided.forEach(LedgerService::await);
    }
}
