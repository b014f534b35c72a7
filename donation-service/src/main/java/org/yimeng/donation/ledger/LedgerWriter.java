package org.yimeng.donation.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimeng.donation.ledger.LedgerDecider.Outcome;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.outbox.Outbox;
import org.yimeng.model.ErrorCode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The single writer of the chain: the queue, its thread and the group commit. Every append (donation, disbursement,
 * funding decision, reversal) is queued here; one thread takes whatever has queued up (up to
 * {@code ledger.writer.max-batch}) and appends it in ONE transaction that holds the {@code chain_head} row lock:
 * the {@link LedgerStore} reads the head and what the commands refer to, the {@link LedgerDecider} decides each
 * command in order against the balances and chains the new entries, the store writes the result; then the commit,
 * and every waiting caller is answered.
 *
 * <p>Why: the chain is inherently serial (each hash covers the previous one), so appends cannot run in parallel; one
 * commit per batch instead of per request is what makes thousands of donations per second possible. The row lock
 * makes writers in several replicas take turns; the insert trigger rejects any row that does not link to its
 * predecessor, so even a writer that bypassed the lock could not fork the chain or leave a gap.
 *
 * <p>Exactly once per idempotency key: the key is UNIQUE on {@code donation}; the batch's keys are looked up inside
 * the locked transaction, so a key seen before (or earlier in the same batch) replays the first answer.
 */
@ApplicationScoped
public class LedgerWriter {
    private static final Logger LOG = Logger.getLogger(LedgerWriter.class);

    @Inject
    DataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry registry;

    @Inject
    DigestService digests;

    @Inject
    ProgrammeZone programmeZone;

    @ConfigProperty(name = "ledger.writer.max-batch", defaultValue = "1000")
    int maxBatch;

    @ConfigProperty(name = "ledger.writer.queue-capacity", defaultValue = "20000")
    int queueCapacity;

    private BlockingQueue<LedgerCommand> queue;
    private volatile boolean running;
    private Thread thread;
    private Counter appended;
    private DistributionSummary batchSizes;
    private LedgerDecider decider;

    void start(@Observes StartupEvent ev) {
        decider = new LedgerDecider(programmeZone.zone());
        queue = new ArrayBlockingQueue<>(queueCapacity);
        appended = Counter.builder("ledger.entries.appended").register(registry);
        batchSizes = DistributionSummary.builder("ledger.writer.batch.size").register(registry);
        registry.gauge("ledger.writer.queue", queue, BlockingQueue::size);
        running = true;
        thread = new Thread(this::loop, "ledger-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues a command; its future completes after the commit. A full queue is 503 at once (back-pressure). */
    public <T> CompletableFuture<T> submit(LedgerCommand command) {
        if (!running || !queue.offer(command)) {
            command.future().completeExceptionally(new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The ledger is busy; try again shortly"));
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<T> f = (CompletableFuture<T>) command.future();
        return f;
    }

    private void loop() {
        List<LedgerCommand> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                LedgerCommand first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                appendWithFallback(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("ledger writer", e);
            } finally {
                batch.clear();
            }
        }
        for (LedgerCommand c; (c = queue.poll()) != null;) {
            c.future().completeExceptionally(new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The ledger is stopping"));
        }
    }

    /** One transaction for the batch; if it fails as a whole, each command alone so that one cannot sink the rest. */
    private void appendWithFallback(List<LedgerCommand> batch) {
        try {
            append(batch);
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                LOG.errorf(batchFailure, "ledger append failed");
                batch.get(0).future().completeExceptionally(batchFailure);
                return;
            }
            LOG.warnf("ledger batch of %d failed (%s); appending one by one", batch.size(), batchFailure.toString());
            for (LedgerCommand c : batch) {
                try {
                    append(List.of(c));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "ledger append failed");
                    c.future().completeExceptionally(e);
                }
            }
        }
    }

    private void append(List<LedgerCommand> batch) {
        long start = System.nanoTime();
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return appendIn(new LedgerStore(c), batch);
            }
        });
        long committed = System.nanoTime();
        for (LedgerDecider.Answer a : outcome.answers()) {
            a.deliver();
        }
        if (!outcome.writesNothing()) {
            batchSizes.record(outcome.entries().size());
            appended.increment(outcome.entries().size());
            digests.appended(outcome.head().sequence());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("batch of %d committed in %d us, answered in %d us", batch.size(), (committed - start) / 1000,
                    (System.nanoTime() - committed) / 1000);
        }
    }

    /**
     * The work of one transaction: lock the head, look up what the commands refer to and lock the balances they
     * may move, let the decider decide, write what it decided. Nothing is written when every command was a replay
     * or a rejection.
     */
    private Outcome appendIn(LedgerStore store, List<LedgerCommand> batch) throws SQLException {
        long t0 = System.nanoTime();
        LedgerDecider.Head head = store.lockHead();
        long t1 = System.nanoTime();
        LedgerDecider.Wanted wanted = LedgerDecider.wanted(batch);
        var fundingDecisions = store.fundingDecisions(wanted.fundingRequests());
        var donations = store.donations(wanted.idempotencyKeys());
        var piggyBanks = store.piggyBanks(wanted.piggyBankCodes());
        Set<UUID> communityIds = new HashSet<>(wanted.communityIds());
        piggyBanks.values().forEach(p -> communityIds.add(p.communityId()));
        Set<UUID> communities = store.communities(communityIds);
        var disbursements = store.disbursements(wanted.disbursementRequests());
        var targets = store.entries(wanted.reversalTargets());
        var reversed = store.reversalsOf(wanted.reversalTargets());
        var balances = store.lockBalances(LedgerDecider.accountsToLock(communities, targets.values()));
        LedgerDecider.State state = new LedgerDecider.State(donations, piggyBanks, communities, disbursements,
                fundingDecisions, targets, reversed, balances);
        long t2 = System.nanoTime();
        LedgerDecider.Decided decided = decider.decide(batch, head, state, Instant.now());
        if (decided.writesNothing()) {
            return decided.withReceiptNumbers(List.of());
        }
        Outcome outcome = decided.withReceiptNumbers(store.nextReceiptNumbers(decided.receiptNumbersNeeded()));
        long t3 = System.nanoTime();
        // in this order: each row's foreign keys point at rows written before it
        store.insertEntries(outcome.entries());
        store.insertDonations(outcome.donations());
        store.insertDonors(outcome.donors());
        store.insertDisbursements(outcome.disbursements());
        store.insertFundingDecisions(outcome.fundingDecisions());
        store.insertReversals(outcome.reversals());
        store.updateBalances(outcome.balanceUpdates());
        store.insertBalances(outcome.newBalances());
        if (!outcome.entries().isEmpty()) {
            store.updateHead(outcome.head());
        }
        // in this transaction; the relay is woken after the commit
        outbox.publishAll(outcome.events().stream().map(e -> new Outbox.Message(e.topic(), e.event())).toList());
        long t4 = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debugf("batch %d: lock %d us, reads %d us, decide %d us, write %d us", outcome.entries().size(),
                    (t1 - t0) / 1000, (t2 - t1) / 1000, (t3 - t2) / 1000, (t4 - t3) / 1000);
        }
        return outcome;
    }
}
