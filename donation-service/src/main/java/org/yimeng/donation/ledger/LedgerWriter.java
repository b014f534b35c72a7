package org.yimeng.donation.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.yimeng.donation.ledger.LedgerCommand.Disburse;
import org.yimeng.donation.ledger.LedgerCommand.Donate;
import org.yimeng.donation.ledger.LedgerCommand.DonationReceipt;
import org.yimeng.donation.ledger.LedgerCommand.Fund;
import org.yimeng.donation.ledger.LedgerCommand.FundingOutcome;
import org.yimeng.donation.ledger.LedgerCommand.Posted;
import org.yimeng.donation.ledger.LedgerCommand.Reverse;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.outbox.Outbox;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.model.event.DonationRecorded;
import org.yimeng.model.event.FundingDecided;
import org.yimeng.model.event.ReversalRecorded;
import org.yimeng.model.event.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The single writer of the chain, with group commit. Every append (donation, disbursement, reversal) is queued here;
 * one thread takes whatever has queued up (up to {@code ledger.writer.max-batch}) and appends it in ONE transaction
 * that holds the {@code chain_head} row lock: read the head, decide each command in order against the balances,
 * insert the entries with consecutive sequences and linked hashes, then commit and answer every waiting caller.
 *
 * <p>Why: the chain is inherently serial (each hash covers the previous one), so appends cannot run in parallel; one
 * commit per batch instead of per request is what makes thousands of donations per second possible. The row lock
 * makes writers in several replicas take turns; the insert trigger rejects any row that does not link to its
 * predecessor, so even a writer that bypassed the lock could not fork the chain or leave a gap.
 *
 * <p>Exactly once per idempotency key: the key is UNIQUE on {@code donation}; the writer looks the batch's keys up
 * inside the locked transaction, so a key seen before (or earlier in the same batch) replays the first answer.
 */
@ApplicationScoped
public class LedgerWriter {
    private static final Logger LOG = Logger.getLogger(LedgerWriter.class);
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    DataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    MeterRegistry registry;

    @Inject
    DigestService digests;

    @ConfigProperty(name = "ledger.writer.max-batch", defaultValue = "1000")
    int maxBatch;

    @ConfigProperty(name = "ledger.writer.queue-capacity", defaultValue = "20000")
    int queueCapacity;

    private BlockingQueue<LedgerCommand> queue;
    private volatile boolean running;
    private Thread thread;
    private Counter appended;
    private DistributionSummary batchSizes;

    void start(@Observes StartupEvent ev) {
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
        List<Runnable> answers = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return new Batch(c, batch).run();
            }
        });
        long committed = System.nanoTime();
        answers.forEach(Runnable::run);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("batch of %d committed in %d us, answered in %d us", batch.size(), (committed - start) / 1000,
                    (System.nanoTime() - committed) / 1000);
        }
    }

    /** The work of one transaction. */
    private final class Batch {
        private final Connection c;
        private final List<LedgerCommand> commands;
        private final List<Runnable> answers = new ArrayList<>();
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, Long> balances = new HashMap<>();
        private final Map<String, Long> deltas = new LinkedHashMap<>();
        private final Set<String> existing = new HashSet<>();
        private final Map<String, UUID> accountCommunity = new HashMap<>();
        private final List<Object[]> donations = new ArrayList<>();
        private final List<Object[]> donors = new ArrayList<>();
        private final List<Object[]> disbursements = new ArrayList<>();
        private final List<Object[]> reversals = new ArrayList<>();
        private final List<Object[]> decisions = new ArrayList<>();
        private final List<Outbox.Message> events = new ArrayList<>();
        private long headSequence;
        private String headHash;
        private Instant recordedAt;

        Batch(Connection c, List<LedgerCommand> commands) {
            this.c = c;
            this.commands = commands;
        }

        List<Runnable> run() throws SQLException {
            long t0 = System.nanoTime();
            lockHead();
            long t1 = System.nanoTime();
            Lookups looked = lookUp();
            loadBalances(looked);
            long t2 = System.nanoTime();
            Map<String, Object> byKey = new HashMap<>(); // idempotency keys decided in this batch
            Map<UUID, Object> byRequest = new HashMap<>();
            Map<UUID, FundingOutcome> byFunding = new HashMap<>();
            Set<UUID> reversedNow = new HashSet<>();
            List<Donate> newDonations = new ArrayList<>();
            List<Entry> newDonationEntries = new ArrayList<>();
            for (LedgerCommand cmd : commands) {
                if (cmd instanceof Donate d) {
                    decideDonation(d, looked, byKey, newDonations, newDonationEntries);
                } else if (cmd instanceof Disburse d) {
                    decideDisbursement(d, looked, byRequest);
                } else if (cmd instanceof Fund f) {
                    decideFunding(f, looked, byFunding);
                } else if (cmd instanceof Reverse r) {
                    decideReversal(r, looked, reversedNow);
                }
            }
            if (entries.isEmpty() && decisions.isEmpty()) {
                return answers;
            }
            List<String> receipts = receiptNumbers(newDonations.size());
            for (int i = 0; i < newDonations.size(); i++) {
                finishDonation(newDonations.get(i), newDonationEntries.get(i), receipts.get(i));
            }
            long t3 = System.nanoTime();
            write();
            long t4 = System.nanoTime();
            if (LOG.isDebugEnabled()) {
                LOG.debugf("batch %d: lock %d us, reads %d us, decide %d us, write %d us", entries.size(), (t1 - t0) / 1000,
                        (t2 - t1) / 1000, (t3 - t2) / 1000, (t4 - t3) / 1000);
            }
            batchSizes.record(entries.size());
            long head = headSequence;
            answers.add(() -> {
                appended.increment(entries.size());
                digests.appended(head);
            });
            return answers;
        }

        private void lockHead() throws SQLException {
            // set_config(..., true) = SET LOCAL, in the same round trip: the batch's statements are planned for their
            // actual arguments each time. The driver's server-side prepared statements otherwise settle on a generic
            // plan made while the donation table was still small (a scan), and kept it as the table grew: the key
            // look-up took 40-80 ms per batch under HTTP load instead of under 1 ms (docs/donation-service.md).
            try (PreparedStatement ps = c.prepareStatement("SELECT sequence, hash, recorded_at, "
                    + "set_config('plan_cache_mode', 'force_custom_plan', true) FROM chain_head WHERE id = 1 FOR UPDATE");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                headSequence = rs.getLong(1);
                headHash = rs.getString(2);
                var last = rs.getObject(3, java.time.OffsetDateTime.class);
                Instant now = ChainHash.truncate(Instant.now());
                // recordedAt never goes back along the chain, even if the wall clock does
                recordedAt = last != null && last.toInstant().isAfter(now) ? last.toInstant() : now;
            }
        }

        // ---- decisions --------------------------------------------------------------------------------------

        private void decideDonation(Donate d, Lookups looked, Map<String, Object> byKey, List<Donate> newDonations,
                List<Entry> newDonationEntries) {
            Object earlier = byKey.get(d.idempotencyKey());
            if (earlier == null) {
                earlier = looked.donationsByKey.get(d.idempotencyKey());
            }
            if (earlier instanceof StoredDonation s) {
                if (!d.sameRequestAs(s.requestHash)) {
                    reject(d, reused());
                } else {
                    DonationReceipt r = s.receipt;
                    answers.add(() -> d.future().complete(r));
                }
                return;
            }
            if (earlier instanceof PendingDonation p) {
                if (!p.command.requestHash().equals(d.requestHash())) {
                    reject(d, reused());
                } else {
                    answers.add(() -> d.future().complete(replayOf(p.receipt[0])));
                }
                return;
            }
            UUID communityId = d.communityId();
            UUID piggyBankId = null;
            if (d.piggyBankCode() != null) {
                PiggyRow pb = looked.piggyBanks.get(d.piggyBankCode());
                if (pb == null) {
                    reject(d, new ApiException(ErrorCode.UNKNOWN_PIGGY_BANK, "No piggy-bank has the code " + d.piggyBankCode())
                            .detail("code", d.piggyBankCode()));
                    return;
                }
                if (!"ACTIVE".equals(pb.status)) {
                    reject(d, new ApiException(ErrorCode.PIGGY_BANK_RETIRED, "Piggy-bank " + d.piggyBankCode() + " is retired")
                            .detail("code", d.piggyBankCode()));
                    return;
                }
                communityId = pb.communityId;
                piggyBankId = pb.id;
            }
            if (!looked.communities.contains(communityId)) {
                reject(d, new ApiException(ErrorCode.UNKNOWN_COMMUNITY,
                        "Community " + communityId + " has not reached the ledger yet"));
                return;
            }
            Instant occurred = d.occurredAt() == null ? recordedAt : ChainHash.truncate(d.occurredAt());
            if (occurred.isAfter(recordedAt)) {
                occurred = recordedAt; // a client clock slightly ahead: a gift cannot happen after it was recorded
            }
            String fund = Accounts.fund(communityId);
            Entry e = append(EntryType.DONATION, communityId, Accounts.DONATIONS_IN, fund, d.amountFen(), occurred, null);
            PendingDonation p = new PendingDonation(d, piggyBankId, new DonationReceipt[1]);
            byKey.put(d.idempotencyKey(), p);
            newDonations.add(d);
            newDonationEntries.add(e);
            pendingByEntry.put(e.entryId(), p);
        }

        private final Map<UUID, PendingDonation> pendingByEntry = new HashMap<>();

        private void finishDonation(Donate d, Entry e, String receiptNo) {
            PendingDonation p = pendingByEntry.get(e.entryId());
            long fundAfter = balanceAfter.get(e.entryId());
            DonationReceipt receipt = new DonationReceipt(e.entryId(), e.sequence(), e.communityId(), e.amountFen(),
                    receiptNo, e.hash(), e.recordedAt(), fundAfter, false);
            p.receipt[0] = receipt;
            donations.add(new Object[] {e.entryId(), d.idempotencyKey(), d.requestHash(), receiptNo, p.piggyBankId,
                    d.channel().name(), d.anonymous()});
            if (!d.anonymous() && (d.donorName() != null || d.donorPhone() != null)) {
                donors.add(new Object[] {e.entryId(), d.donorName(), d.donorPhone()});
            }
            events.add(new Outbox.Message(Topics.DONATIONS, DonationRecorded.of(e.entryId(), e.sequence(), e.communityId(),
                    e.amountFen(), d.channel().name(), fundAfter, receiptNo)));
            answers.add(() -> d.future().complete(receipt));
        }

        private void decideDisbursement(Disburse d, Lookups looked, Map<UUID, Object> byRequest) {
            Object earlier = byRequest.get(d.requestId());
            if (earlier == null) {
                earlier = looked.disbursementsByRequest.get(d.requestId());
            }
            if (earlier instanceof Posted posted) {
                Posted replay = new Posted(posted.entry(), posted.balanceAfterFen(), true);
                answers.add(() -> d.future().complete(replay));
                return;
            }
            if (earlier instanceof ApiException refused) {
                reject(d, refused);
                return;
            }
            if (!looked.communities.contains(d.communityId())) {
                ApiException e = new ApiException(ErrorCode.UNKNOWN_COMMUNITY, "Community " + d.communityId() + " is unknown");
                byRequest.put(d.requestId(), e);
                reject(d, e);
                return;
            }
            String fund = Accounts.fund(d.communityId());
            long available = balance(fund);
            if (available < d.amountFen()) {
                ApiException e = insufficient(fund, available, d.amountFen());
                byRequest.put(d.requestId(), e);
                reject(d, e);
                return;
            }
            Entry e = append(EntryType.DISBURSEMENT, d.communityId(), fund, Accounts.spending(d.activityId()),
                    d.amountFen(), recordedAt, null);
            disbursements.add(new Object[] {e.entryId(), d.requestId(), d.activityId(), d.purpose()});
            Posted posted = new Posted(e, balanceAfter.get(e.entryId()), false);
            byRequest.put(d.requestId(), posted);
            answers.add(() -> d.future().complete(posted));
        }

        /**
         * A funding request: decided once, finally. An earlier decision (stored, or earlier in this batch) is answered
         * again and nothing is written; a request already paid through {@link LedgerService#disburse} is recorded as
         * approved with that entry. Every new decision, approved or not, is a row and a FundingDecided event.
         */
        private void decideFunding(Fund f, Lookups looked, Map<UUID, FundingOutcome> byFunding) {
            FundingOutcome earlier = byFunding.get(f.requestId());
            if (earlier == null) {
                earlier = looked.fundingDecisions.get(f.requestId());
            }
            if (earlier != null) {
                FundingOutcome replay = new FundingOutcome(earlier.requestId(), earlier.activityId(), earlier.communityId(),
                        earlier.approved(), earlier.entryId(), earlier.reason(), earlier.balanceAfterFen(), true);
                answers.add(() -> f.future().complete(replay));
                return;
            }
            String fund = Accounts.fund(f.communityId());
            FundingOutcome outcome;
            // a rejection is a reading of the fund as of the head at this point of the batch; an approval, its entry's
            long sequence = headSequence;
            Posted paid = looked.disbursementsByRequest.get(f.requestId());
            if (paid != null) {
                sequence = paid.entry().sequence();
                outcome = decided(f, true, paid.entry().entryId(), null, paid.balanceAfterFen());
            } else if (f.amountFen() < 1) {
                outcome = decided(f, false, null, "INVALID_AMOUNT", balance(fund));
            } else if (!looked.communities.contains(f.communityId())) {
                outcome = decided(f, false, null, ErrorCode.UNKNOWN_COMMUNITY.name(), 0);
            } else if (balance(fund) < f.amountFen()) {
                outcome = decided(f, false, null, ErrorCode.INSUFFICIENT_FUNDS.name(), balance(fund));
            } else {
                Entry e = append(EntryType.DISBURSEMENT, f.communityId(), fund, Accounts.spending(f.activityId()),
                        f.amountFen(), recordedAt, null);
                disbursements.add(new Object[] {e.entryId(), f.requestId(), f.activityId(), f.purpose()});
                sequence = e.sequence();
                outcome = decided(f, true, e.entryId(), null, balanceAfter.get(e.entryId()));
            }
            byFunding.put(f.requestId(), outcome);
            decisions.add(new Object[] {f.requestId(), f.activityId(), f.communityId(), f.amountFen(), outcome.approved(),
                    outcome.entryId(), outcome.reason(), outcome.balanceAfterFen(), ChainHash.instant(recordedAt)});
            events.add(new Outbox.Message(Topics.FUNDING_DECISIONS, FundingDecided.of(f.requestId(), f.activityId(),
                    f.communityId(), outcome.approved(), outcome.entryId(), outcome.reason(), outcome.balanceAfterFen(),
                    sequence)));
            FundingOutcome answer = outcome;
            answers.add(() -> f.future().complete(answer));
        }

        private static FundingOutcome decided(Fund f, boolean approved, UUID entryId, String reason, long balanceAfter) {
            return new FundingOutcome(f.requestId(), f.activityId(), f.communityId(), approved, entryId, reason,
                    balanceAfter, false);
        }

        private void decideReversal(Reverse r, Lookups looked, Set<UUID> reversedNow) {
            Entry original = looked.reversalTargets.get(r.entryId());
            if (original == null) {
                reject(r, ApiException.notFound("Entry", r.entryId()));
                return;
            }
            if (original.type() == EntryType.REVERSAL) {
                reject(r, new ApiException(ErrorCode.REVERSAL_NOT_REVERSIBLE,
                        "A reversal cannot itself be reversed; record a new entry instead"));
                return;
            }
            if (looked.alreadyReversed.containsKey(r.entryId()) || !reversedNow.add(r.entryId())) {
                reject(r, new ApiException(ErrorCode.ALREADY_REVERSED, "Entry " + r.entryId() + " is already reversed")
                        .detail("entry", r.entryId())
                        .with("reversalEntryId", looked.alreadyReversed.get(r.entryId())));
                return;
            }
            // the same amount back: the original's credit account pays, its debit account receives
            String from = original.creditAccount();
            long available = balance(from);
            if (Accounts.isFund(from) && available < original.amountFen()) {
                reversedNow.remove(r.entryId());
                reject(r, insufficient(from, available, original.amountFen()));
                return;
            }
            Entry e = append(EntryType.REVERSAL, original.communityId(), from, original.debitAccount(),
                    original.amountFen(), recordedAt, original.entryId());
            reversals.add(new Object[] {e.entryId(), r.reason(), r.requestedBy()});
            long fundAfter = balanceAfter.get(e.entryId());
            // in the batch's outbox insert, like every other event: no extra round trip
            events.add(new Outbox.Message(Topics.DONATIONS, ReversalRecorded.of(e.entryId(), e.sequence(),
                    e.communityId(), original.entryId(), e.amountFen(), fundAfter,
                    Accounts.activityOf(original.creditAccount()))));
            Posted posted = new Posted(e, fundAfter, false);
            answers.add(() -> r.future().complete(posted));
        }

        private final Map<UUID, Long> balanceAfter = new HashMap<>();

        /** Chains one entry onto the head and applies it to the running balances. */
        private Entry append(EntryType type, UUID communityId, String debit, String credit, long amount, Instant occurred,
                UUID reversalOf) {
            Entry e = Entry.chained(headSequence + 1, Ids.newId(), type, communityId, debit, credit, amount, occurred,
                    recordedAt, reversalOf, headHash);
            headSequence = e.sequence();
            headHash = e.hash();
            entries.add(e);
            move(debit, -amount, communityId);
            move(credit, amount, communityId);
            balanceAfter.put(e.entryId(), balance(Accounts.fund(communityId)));
            return e;
        }

        private void move(String account, long delta, UUID communityId) {
            balances.merge(account, delta, Long::sum);
            deltas.merge(account, delta, Long::sum);
            if (Accounts.isFund(account)) {
                accountCommunity.put(account, communityId);
            }
        }

        private long balance(String account) {
            return balances.getOrDefault(account, 0L);
        }

        private void reject(LedgerCommand cmd, ApiException e) {
            answers.add(() -> cmd.future().completeExceptionally(e));
        }

        private ApiException reused() {
            return new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with a different request");
        }

        private ApiException insufficient(String fund, long available, long wanted) {
            return new ApiException(ErrorCode.INSUFFICIENT_FUNDS,
                    "The fund holds " + available + " fen; " + wanted + " fen were asked for")
                    .detail("fen", available, wanted)
                    .with("balanceFen", available).with("account", fund);
        }

        // ---- reads ------------------------------------------------------------------------------------------

        private Lookups lookUp() throws SQLException {
            Lookups l = new Lookups();
            Set<String> keys = new HashSet<>();
            Set<String> codes = new HashSet<>();
            Set<UUID> communityIds = new HashSet<>();
            Set<UUID> requests = new HashSet<>();
            Set<UUID> targets = new HashSet<>();
            Set<UUID> fundings = new HashSet<>();
            for (LedgerCommand cmd : commands) {
                if (cmd instanceof Donate d) {
                    keys.add(d.idempotencyKey());
                    if (d.piggyBankCode() != null) {
                        codes.add(d.piggyBankCode());
                    } else if (d.communityId() != null) {
                        communityIds.add(d.communityId());
                    }
                } else if (cmd instanceof Disburse d) {
                    requests.add(d.requestId());
                    communityIds.add(d.communityId());
                } else if (cmd instanceof Fund f) {
                    requests.add(f.requestId());
                    fundings.add(f.requestId());
                    communityIds.add(f.communityId());
                } else if (cmd instanceof Reverse r) {
                    targets.add(r.entryId());
                }
            }
            if (!fundings.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT request_id, activity_id, community_id, approved, "
                        + "entry_id, reason, balance_after_fen FROM funding_decision WHERE request_id = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("uuid", fundings.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            l.fundingDecisions.put(rs.getObject(1, UUID.class), new FundingOutcome(rs.getObject(1, UUID.class),
                                    rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getBoolean(4),
                                    rs.getObject(5, UUID.class), rs.getString(6), rs.getLong(7), true));
                        }
                    }
                }
            }
            if (!keys.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT d.idempotency_key, d.request_hash, e.entry_id, "
                        + "e.sequence, e.community_id, e.amount_fen, d.receipt_no, e.hash, e.recorded_at "
                        + "FROM donation d JOIN ledger_entry e ON e.entry_id = d.entry_id WHERE d.idempotency_key = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("text", keys.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            l.donationsByKey.put(rs.getString(1), new StoredDonation(rs.getString(2),
                                    new DonationReceipt(rs.getObject(3, UUID.class), rs.getLong(4), rs.getObject(5, UUID.class),
                                            rs.getLong(6), rs.getString(7), rs.getString(8),
                                            rs.getObject(9, java.time.OffsetDateTime.class).toInstant(), 0, true)));
                        }
                    }
                }
            }
            if (!codes.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT code, id, community_id, status FROM piggy_bank WHERE code = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("text", codes.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            PiggyRow p = new PiggyRow(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getString(4));
                            l.piggyBanks.put(rs.getString(1), p);
                            communityIds.add(p.communityId);
                        }
                    }
                }
            }
            if (!communityIds.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM community WHERE id = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("uuid", communityIds.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            l.communities.add(rs.getObject(1, UUID.class));
                        }
                    }
                }
            }
            if (!requests.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT d.request_id, " + LedgerQueries.ENTRY_COLUMNS_E
                        + " FROM disbursement d JOIN ledger_entry e ON e.entry_id = d.entry_id WHERE d.request_id = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("uuid", requests.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Entry e = LedgerQueries.entry(rs, 2);
                            l.disbursementsByRequest.put(rs.getObject(1, UUID.class),
                                    new Posted(e, LedgerQueries.fundBalanceThrough(c, e.communityId(), e.sequence()), true));
                        }
                    }
                }
            }
            if (!targets.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerQueries.ENTRY_COLUMNS
                        + " FROM ledger_entry WHERE entry_id = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("uuid", targets.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Entry e = LedgerQueries.entry(rs, 1);
                            l.reversalTargets.put(e.entryId(), e);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT reversal_of, entry_id FROM ledger_entry WHERE reversal_of = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("uuid", targets.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            l.alreadyReversed.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                        }
                    }
                }
            }
            return l;
        }

        /** Locks and reads the balances this batch may touch; accounts not there yet start at zero. */
        private void loadBalances(Lookups l) throws SQLException {
            Set<String> accounts = new HashSet<>();
            accounts.add(Accounts.DONATIONS_IN);
            for (UUID community : l.communities) {
                accounts.add(Accounts.fund(community));
            }
            for (Entry e : l.reversalTargets.values()) {
                accounts.add(e.debitAccount());
                accounts.add(e.creditAccount());
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT account, balance_fen FROM account_balance WHERE account = ANY(?) ORDER BY account FOR UPDATE")) {
                ps.setArray(1, c.createArrayOf("text", accounts.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        balances.put(rs.getString(1), rs.getLong(2));
                        existing.add(rs.getString(1));
                    }
                }
            }
        }

        private List<String> receiptNumbers(int n) throws SQLException {
            List<String> out = new ArrayList<>(n);
            if (n == 0) {
                return out;
            }
            int year = recordedAt.atZone(SHANGHAI).getYear();
            try (PreparedStatement ps = c.prepareStatement("SELECT nextval('receipt_no_seq') FROM generate_series(1, ?)")) {
                ps.setInt(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(String.format("AP-%d-%06d", year, rs.getLong(1)));
                    }
                }
            }
            return out;
        }

        // ---- writes -----------------------------------------------------------------------------------------

        private void write() throws SQLException {
            int n = entries.size();
            Object[] seq = new Object[n], ids = new Object[n], types = new Object[n], comm = new Object[n],
                    debit = new Object[n], credit = new Object[n], amount = new Object[n], occurred = new Object[n],
                    recorded = new Object[n], reversal = new Object[n], prev = new Object[n], hash = new Object[n];
            for (int i = 0; i < n; i++) {
                Entry e = entries.get(i);
                seq[i] = e.sequence();
                ids[i] = e.entryId().toString();
                types[i] = e.type().name();
                comm[i] = e.communityId().toString();
                debit[i] = e.debitAccount();
                credit[i] = e.creditAccount();
                amount[i] = e.amountFen();
                occurred[i] = ChainHash.instant(e.occurredAt());
                recorded[i] = ChainHash.instant(e.recordedAt());
                reversal[i] = e.reversalOf() == null ? null : e.reversalOf().toString();
                prev[i] = e.prevHash();
                hash[i] = e.hash();
            }
            // one statement for the whole batch; rows go in sequence order, as the link trigger needs
            if (n > 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_entry (sequence, entry_id, type, community_id, "
                        + "debit_account, credit_account, amount_fen, occurred_at, recorded_at, reversal_of, prev_hash, hash) "
                        + "SELECT * FROM unnest(?::bigint[], ?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::bigint[], "
                        + "?::timestamptz[], ?::timestamptz[], ?::uuid[], ?::text[], ?::text[]) ORDER BY 1")) {
                    ps.setArray(1, c.createArrayOf("bigint", seq));
                    ps.setArray(2, c.createArrayOf("text", ids));
                    ps.setArray(3, c.createArrayOf("text", types));
                    ps.setArray(4, c.createArrayOf("text", comm));
                    ps.setArray(5, c.createArrayOf("text", debit));
                    ps.setArray(6, c.createArrayOf("text", credit));
                    ps.setArray(7, c.createArrayOf("bigint", amount));
                    ps.setArray(8, c.createArrayOf("text", occurred));
                    ps.setArray(9, c.createArrayOf("text", recorded));
                    ps.setArray(10, c.createArrayOf("text", reversal));
                    ps.setArray(11, c.createArrayOf("text", prev));
                    ps.setArray(12, c.createArrayOf("text", hash));
                    long t = System.nanoTime();
                    ps.executeUpdate();
                    if (LOG.isTraceEnabled()) {
                        LOG.tracef("%d us: entries", (System.nanoTime() - t) / 1000);
                    }
                }
            }
            if (!donations.isEmpty()) {
                insertRows("INSERT INTO donation (entry_id, idempotency_key, request_hash, receipt_no, piggy_bank_id, channel, "
                        + "anonymous) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], "
                        + "?::boolean[])", donations, "text", "text", "text", "text", "text", "text", "boolean");
            }
            if (!donors.isEmpty()) {
                insertRows("INSERT INTO donor (entry_id, name, phone) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[])",
                        donors, "text", "text", "text");
            }
            if (!disbursements.isEmpty()) {
                insertRows("INSERT INTO disbursement (entry_id, request_id, activity_id, purpose) "
                        + "SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[])", disbursements,
                        "text", "text", "text", "text");
            }
            if (!decisions.isEmpty()) {
                insertRows("INSERT INTO funding_decision (request_id, activity_id, community_id, amount_fen, approved, "
                        + "entry_id, reason, balance_after_fen, decided_at) SELECT * FROM unnest(?::uuid[], ?::uuid[], "
                        + "?::uuid[], ?::bigint[], ?::boolean[], ?::uuid[], ?::text[], ?::bigint[], ?::timestamptz[])",
                        decisions, "text", "text", "text", "bigint", "boolean", "text", "text", "bigint", "text");
            }
            if (!reversals.isEmpty()) {
                insertRows("INSERT INTO reversal (entry_id, reason, requested_by) SELECT * FROM unnest(?::uuid[], ?::text[], "
                        + "?::text[])", reversals, "text", "text", "text");
            }
            // existing accounts are updated, new ones inserted: an upsert would test the CHECK on the bare delta
            List<Object[]> updates = new ArrayList<>();
            List<Object[]> inserts = new ArrayList<>();
            for (var d : deltas.entrySet()) {
                if (existing.contains(d.getKey())) {
                    updates.add(new Object[] {d.getKey(), d.getValue()});
                } else {
                    inserts.add(new Object[] {d.getKey(), Accounts.kind(d.getKey()), accountCommunity.get(d.getKey()),
                            d.getValue()});
                }
            }
            if (!updates.isEmpty()) {
                insertRows("UPDATE account_balance b SET balance_fen = b.balance_fen + d.delta "
                        + "FROM unnest(?::text[], ?::bigint[]) AS d(account, delta) WHERE b.account = d.account", updates,
                        "text", "bigint");
            }
            if (!inserts.isEmpty()) {
                insertRows("INSERT INTO account_balance (account, kind, community_id, balance_fen) "
                        + "SELECT * FROM unnest(?::text[], ?::text[], ?::uuid[], ?::bigint[])", inserts,
                        "text", "text", "text", "bigint");
            }
            if (n > 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE chain_head SET sequence = ?, hash = ?, recorded_at = ?::timestamptz WHERE id = 1")) {
                    ps.setLong(1, headSequence);
                    ps.setString(2, headHash);
                    ps.setString(3, ChainHash.instant(recordedAt));
                    ps.executeUpdate();
                }
            }
            outbox.publishAll(events); // in this transaction; the relay is woken after the commit
        }

        private void insertRows(String sql, List<Object[]> rows, String... arrayTypes) throws SQLException {
            long t = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int col = 0; col < arrayTypes.length; col++) {
                    Object[] values = new Object[rows.size()];
                    for (int i = 0; i < rows.size(); i++) {
                        Object v = rows.get(i)[col];
                        values[i] = v == null || v instanceof Long || v instanceof Boolean ? v : v.toString();
                    }
                    ps.setArray(col + 1, c.createArrayOf(arrayTypes[col], values));
                }
                ps.executeUpdate();
            }
            if (LOG.isTraceEnabled()) {
                LOG.tracef("%d us: %s", (System.nanoTime() - t) / 1000, sql.substring(0, Math.min(40, sql.length())));
            }
        }
    }

    private static DonationReceipt replayOf(DonationReceipt r) {
        return new DonationReceipt(r.entryId(), r.sequence(), r.communityId(), r.amountFen(), r.receiptNo(), r.hash(),
                r.recordedAt(), r.balanceAfterFen(), true);
    }

    private static final class Lookups {
        final Map<String, StoredDonation> donationsByKey = new HashMap<>();
        final Map<String, PiggyRow> piggyBanks = new HashMap<>();
        final Set<UUID> communities = new HashSet<>();
        final Map<UUID, Posted> disbursementsByRequest = new HashMap<>();
        final Map<UUID, FundingOutcome> fundingDecisions = new HashMap<>();
        final Map<UUID, Entry> reversalTargets = new HashMap<>();
        final Map<UUID, UUID> alreadyReversed = new HashMap<>();
    }

    private record StoredDonation(String requestHash, DonationReceipt receipt) {
    }

    private record PendingDonation(Donate command, UUID piggyBankId, DonationReceipt[] receipt) {
    }

    private record PiggyRow(UUID id, UUID communityId, String status) {
    }
}
