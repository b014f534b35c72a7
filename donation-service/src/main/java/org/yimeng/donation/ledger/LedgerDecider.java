package org.yimeng.donation.ledger;

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

import org.yimeng.donation.ledger.LedgerCommand.Disburse;
import org.yimeng.donation.ledger.LedgerCommand.Donate;
import org.yimeng.donation.ledger.LedgerCommand.DonationReceipt;
import org.yimeng.donation.ledger.LedgerCommand.Fund;
import org.yimeng.donation.ledger.LedgerCommand.FundingOutcome;
import org.yimeng.donation.ledger.LedgerCommand.Posted;
import org.yimeng.donation.ledger.LedgerCommand.Reverse;
import org.yimeng.donation.ledger.LedgerRows.BalanceChange;
import org.yimeng.donation.ledger.LedgerRows.DisbursementRow;
import org.yimeng.donation.ledger.LedgerRows.DonationRow;
import org.yimeng.donation.ledger.LedgerRows.DonorRow;
import org.yimeng.donation.ledger.LedgerRows.FundingDecisionRow;
import org.yimeng.donation.ledger.LedgerRows.ReversalRow;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.model.event.DonationRecorded;
import org.yimeng.model.event.FundingDecided;
import org.yimeng.model.event.PlatformEvent;
import org.yimeng.model.event.ReversalRecorded;
import org.yimeng.model.event.Topics;

/**
 * The ledger's rules for one batch, as plain code: the commands and the state looked up for them go in; the
 * entries, rows, balance changes, events and each caller's answer (or rejection) come out. No database, no
 * container, no clock: the {@link LedgerWriter} reads the state through the {@link LedgerStore}, passes the time, and
 * writes what comes out in the same transaction, so these rules can be tested in milliseconds
 * ({@code LedgerDeciderTest}).
 *
 * <p>Two steps, because a receipt number comes from a database sequence and only new donations take one (a replay or
 * a rejection must not use up a number): {@link #decide} settles everything and says how many numbers it needs;
 * {@link Decided#withReceiptNumbers} completes the donations with them.
 */
public final class LedgerDecider {
    private final ZoneId zone;

    /** {@code zone}: the programme's time zone, whose year goes into receipt numbers. */
    public LedgerDecider(ZoneId zone) {
        this.zone = zone;
    }

    /** The chain head as locked: the last entry's sequence, hash and recording time (null before the first). */
    public record Head(long sequence, String hash, Instant recordedAt) {
    }

    /** What a batch needs looked up, gathered from its commands. */
    public record Wanted(Set<String> idempotencyKeys, Set<String> piggyBankCodes, Set<UUID> communityIds,
            Set<UUID> disbursementRequests, Set<UUID> fundingRequests, Set<UUID> reversalTargets) {
    }

    /** A piggy-bank as a donation needs it: which community it collects for and whether it still does. */
    public record PiggyBankRow(UUID id, UUID communityId, boolean active) {
    }

    /**
     * The stored state a batch's decisions depend on. {@code balances} holds the accounts that have a balance row
     * (locked); an account without one starts at zero and gets its row inserted.
     */
    public record State(Map<String, PriorDecision.Recorded> donationsByKey, Map<String, PiggyBankRow> piggyBanks,
            Set<UUID> communities, Map<UUID, Posted> disbursementsByRequest, Map<UUID, FundingOutcome> fundingDecisions,
            Map<UUID, Entry> reversalTargets, Map<UUID, UUID> alreadyReversed, Map<Account, Long> balances) {
    }

    /** An event for the outbox, written in the batch's transaction. */
    public record Event(String topic, PlatformEvent event) {
    }

    /** What a caller gets once the batch has committed. */
    public sealed interface Answer {
        LedgerCommand command();

        /** Completes the caller's future; run only after the commit. */
        void deliver();
    }

    /** The command's result: new, or the replay of an earlier decision. */
    public record Result(LedgerCommand command, Object value) implements Answer {
        @Override
        @SuppressWarnings("unchecked")
        public void deliver() {
            ((java.util.concurrent.CompletableFuture<Object>) command.future()).complete(value);
        }
    }

    /** The command broke a rule: nothing of it is written. */
    public record Rejected(LedgerCommand command, ApiException reason) implements Answer {
        @Override
        public void deliver() {
            command.future().completeExceptionally(reason);
        }
    }

    /**
     * A decision made before (stored, or earlier in the same batch) that a repeated command is answered with;
     * the repeat writes nothing.
     */
    public sealed interface PriorDecision {
        /** A donation stored under its idempotency key. */
        record Recorded(String requestHash, DonationReceipt receipt) implements PriorDecision {
        }

        /** A donation new in this batch, the {@code index}-th; its receipt exists only once it has a number. */
        record InThisBatch(Donate command, int index) implements PriorDecision {
        }

        /** A disbursement paid, stored or in this batch. */
        record Paid(Posted posted) implements PriorDecision {
        }

        /** A disbursement refused in this batch: the same request is refused again. */
        record Refused(ApiException reason) implements PriorDecision {
        }
    }

    /**
     * Why a funding request is turned down: the {@code reason} of its decision row and {@code FundingDecided} event
     * (events.md). Two are the API's error codes; a non-positive amount has none, as HTTP never lets one through.
     */
    public enum FundingRejection {
        INVALID_AMOUNT, UNKNOWN_COMMUNITY(ErrorCode.UNKNOWN_COMMUNITY), INSUFFICIENT_FUNDS(ErrorCode.INSUFFICIENT_FUNDS);

        private final ErrorCode code;

        FundingRejection() {
            this(null);
        }

        FundingRejection(ErrorCode code) {
            this.code = code;
        }

        /** The reason as stored and sent: the error code's name where there is one. */
        public String reason() {
            return code == null ? name() : code.name();
        }
    }

    /** The keys, codes and ids the commands refer to. */
    public static Wanted wanted(List<LedgerCommand> commands) {
        Set<String> keys = new HashSet<>();
        Set<String> codes = new HashSet<>();
        Set<UUID> communityIds = new HashSet<>();
        Set<UUID> requests = new HashSet<>();
        Set<UUID> fundings = new HashSet<>();
        Set<UUID> targets = new HashSet<>();
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
                // a funding request may have been paid as a plain disbursement: looked up as one too
                requests.add(f.requestId());
                fundings.add(f.requestId());
                communityIds.add(f.communityId());
            } else if (cmd instanceof Reverse r) {
                targets.add(r.entryId());
            }
        }
        return new Wanted(keys, codes, communityIds, requests, fundings, targets);
    }

    /** The balances a batch may move, to be locked: the city's, each known community's fund, each reversal's two. */
    public static Set<Account> accountsToLock(Set<UUID> communities, Iterable<Entry> reversalTargets) {
        Set<Account> accounts = new HashSet<>();
        accounts.add(Account.DONATIONS_IN);
        for (UUID community : communities) {
            accounts.add(Account.fund(community));
        }
        for (Entry e : reversalTargets) {
            accounts.add(Account.parse(e.debitAccount()));
            accounts.add(Account.parse(e.creditAccount()));
        }
        return accounts;
    }

    /** Decides the commands in their order against {@code state}, chaining new entries onto {@code head}. */
    public Decided decide(List<LedgerCommand> commands, Head head, State state, Instant now) {
        Run run = new Run(head, state, now);
        for (LedgerCommand cmd : commands) {
            if (cmd instanceof Donate d) {
                run.donation(d);
            } else if (cmd instanceof Disburse d) {
                run.disbursement(d);
            } else if (cmd instanceof Fund f) {
                run.funding(f);
            } else if (cmd instanceof Reverse r) {
                run.reversal(r);
            }
        }
        return run.decided();
    }

    /** A new donation, waiting for its receipt number. */
    record NewDonation(Donate command, Entry entry, UUID piggyBankId, long fundAfter) {
    }

    /** A repeat, in the same batch, of a new donation: answered with its receipt once that is numbered. */
    record Replay(Donate command, int index) {
    }

    /** Everything decided except the receipt numbers of the new donations. */
    public final class Decided {
        private final Head head;
        private final List<Entry> entries;
        private final List<NewDonation> donations;
        private final List<Replay> replays;
        private final List<DisbursementRow> disbursements;
        private final List<FundingDecisionRow> fundingDecisions;
        private final List<ReversalRow> reversals;
        private final List<BalanceChange> balanceUpdates;
        private final List<BalanceChange> newBalances;
        private final List<Event> events;
        private final List<Answer> answers;

        Decided(Head head, List<Entry> entries, List<NewDonation> donations, List<Replay> replays,
                List<DisbursementRow> disbursements, List<FundingDecisionRow> fundingDecisions,
                List<ReversalRow> reversals, List<BalanceChange> balanceUpdates, List<BalanceChange> newBalances,
                List<Event> events, List<Answer> answers) {
            this.head = head;
            this.entries = entries;
            this.donations = donations;
            this.replays = replays;
            this.disbursements = disbursements;
            this.fundingDecisions = fundingDecisions;
            this.reversals = reversals;
            this.balanceUpdates = balanceUpdates;
            this.newBalances = newBalances;
            this.events = events;
            this.answers = answers;
        }

        /** Nothing to write: every command was a replay or a rejection. */
        public boolean writesNothing() {
            return entries.isEmpty() && fundingDecisions.isEmpty();
        }

        /** How many receipt numbers the new donations need. */
        public int receiptNumbersNeeded() {
            return donations.size();
        }

        /** Completes the new donations with their numbers (from {@code receipt_no_seq}, one per new donation). */
        public Outcome withReceiptNumbers(List<Long> numbers) {
            if (numbers.size() != donations.size()) {
                throw new IllegalArgumentException(donations.size() + " receipt numbers needed, " + numbers.size() + " given");
            }
            int year = head.recordedAt().atZone(zone).getYear();
            List<DonationRow> donationRows = new ArrayList<>(donations.size());
            List<DonorRow> donors = new ArrayList<>();
            List<DonationReceipt> receipts = new ArrayList<>(donations.size());
            List<Event> allEvents = new ArrayList<>(events);
            List<Answer> allAnswers = new ArrayList<>(answers);
            for (int i = 0; i < donations.size(); i++) {
                NewDonation n = donations.get(i);
                Donate d = n.command();
                Entry e = n.entry();
                String receiptNo = String.format("AP-%d-%06d", year, numbers.get(i));
                DonationReceipt receipt = new DonationReceipt(e.entryId(), e.sequence(), e.communityId(), e.amountFen(),
                        receiptNo, e.hash(), e.recordedAt(), n.fundAfter(), false);
                receipts.add(receipt);
                donationRows.add(new DonationRow(e.entryId(), d.idempotencyKey(), d.requestHash(), receiptNo,
                        n.piggyBankId(), d.channel().name(), d.anonymous()));
                if (!d.anonymous() && (d.donorName() != null || d.donorPhone() != null)) {
                    donors.add(new DonorRow(e.entryId(), d.donorName(), d.donorPhone()));
                }
                allEvents.add(new Event(Topics.DONATIONS, DonationRecorded.of(e.entryId(), e.sequence(), e.communityId(),
                        e.amountFen(), d.channel().name(), n.fundAfter(), receiptNo)));
                allAnswers.add(new Result(d, receipt));
            }
            for (Replay r : replays) {
                DonationReceipt first = receipts.get(r.index());
                allAnswers.add(new Result(r.command(), new DonationReceipt(first.entryId(), first.sequence(),
                        first.communityId(), first.amountFen(), first.receiptNo(), first.hash(), first.recordedAt(),
                        first.balanceAfterFen(), true)));
            }
            return new Outcome(head, entries, donationRows, donors, disbursements, fundingDecisions, reversals,
                    balanceUpdates, newBalances, allEvents, allAnswers);
        }
    }

    /**
     * What one batch writes, in the order the store writes it, and what its callers get. {@code head} is the chain
     * head after the batch (its recording time the batch's).
     */
    public record Outcome(Head head, List<Entry> entries, List<DonationRow> donations, List<DonorRow> donors,
            List<DisbursementRow> disbursements, List<FundingDecisionRow> fundingDecisions, List<ReversalRow> reversals,
            List<BalanceChange> balanceUpdates, List<BalanceChange> newBalances, List<Event> events,
            List<Answer> answers) {

        public boolean writesNothing() {
            return entries.isEmpty() && fundingDecisions.isEmpty();
        }
    }

    /** The working state of one {@link #decide} call. */
    private final class Run {
        private final State state;
        private final Instant recordedAt;
        private long headSequence;
        private String headHash;
        private final Map<Account, Long> balances;
        private final Map<Account, Long> deltas = new LinkedHashMap<>();
        private final List<Entry> entries = new ArrayList<>();
        private final List<NewDonation> donations = new ArrayList<>();
        private final List<Replay> replays = new ArrayList<>();
        private final List<DisbursementRow> disbursements = new ArrayList<>();
        private final List<FundingDecisionRow> fundingDecisions = new ArrayList<>();
        private final List<ReversalRow> reversals = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();
        private final List<Answer> answers = new ArrayList<>();
        private final Map<String, PriorDecision> byKey = new HashMap<>();
        private final Map<UUID, PriorDecision> byRequest = new HashMap<>();
        private final Map<UUID, FundingOutcome> byFunding = new HashMap<>();
        private final Set<UUID> reversedNow = new HashSet<>();

        Run(Head head, State state, Instant now) {
            this.state = state;
            this.headSequence = head.sequence();
            this.headHash = head.hash();
            this.balances = new HashMap<>(state.balances());
            Instant truncated = ChainHash.truncate(now);
            // recordedAt never goes back along the chain, even if the wall clock does
            this.recordedAt = head.recordedAt() != null && head.recordedAt().isAfter(truncated) ? head.recordedAt()
                    : truncated;
        }

        Decided decided() {
            List<BalanceChange> updates = new ArrayList<>();
            List<BalanceChange> inserts = new ArrayList<>();
            for (var d : deltas.entrySet()) {
                // existing accounts are updated, new ones inserted: an upsert would test the CHECK on the bare delta
                (state.balances().containsKey(d.getKey()) ? updates : inserts).add(new BalanceChange(d.getKey(), d.getValue()));
            }
            return new Decided(new Head(headSequence, headHash, recordedAt), entries, donations, replays, disbursements,
                    fundingDecisions, reversals, updates, inserts, events, answers);
        }

        void donation(Donate d) {
            PriorDecision earlier = byKey.get(d.idempotencyKey());
            if (earlier == null) {
                earlier = state.donationsByKey().get(d.idempotencyKey());
            }
            if (earlier instanceof PriorDecision.Recorded s) {
                if (d.sameRequestAs(s.requestHash())) {
                    answers.add(new Result(d, s.receipt()));
                } else {
                    reject(d, reused());
                }
                return;
            }
            if (earlier instanceof PriorDecision.InThisBatch p) {
                if (p.command().requestHash().equals(d.requestHash())) {
                    replays.add(new Replay(d, p.index()));
                } else {
                    reject(d, reused());
                }
                return;
            }
            UUID communityId = d.communityId();
            UUID piggyBankId = null;
            if (d.piggyBankCode() != null) {
                PiggyBankRow pb = state.piggyBanks().get(d.piggyBankCode());
                if (pb == null) {
                    reject(d, new ApiException(ErrorCode.UNKNOWN_PIGGY_BANK, "No piggy-bank has the code " + d.piggyBankCode())
                            .detail("code", d.piggyBankCode()));
                    return;
                }
                if (!pb.active()) {
                    reject(d, new ApiException(ErrorCode.PIGGY_BANK_RETIRED, "Piggy-bank " + d.piggyBankCode() + " is retired")
                            .detail("code", d.piggyBankCode()));
                    return;
                }
                communityId = pb.communityId();
                piggyBankId = pb.id();
            }
            if (!state.communities().contains(communityId)) {
                reject(d, new ApiException(ErrorCode.UNKNOWN_COMMUNITY,
                        "Community " + communityId + " has not reached the ledger yet"));
                return;
            }
            Instant occurred = d.occurredAt() == null ? recordedAt : ChainHash.truncate(d.occurredAt());
            if (occurred.isAfter(recordedAt)) {
                occurred = recordedAt; // a client clock slightly ahead: a gift cannot happen after it was recorded
            }
            Entry e = append(EntryType.DONATION, communityId, Account.DONATIONS_IN, Account.fund(communityId),
                    Fen.of(d.amountFen()), occurred, null);
            byKey.put(d.idempotencyKey(), new PriorDecision.InThisBatch(d, donations.size()));
            donations.add(new NewDonation(d, e, piggyBankId, fundBalance(communityId)));
        }

        void disbursement(Disburse d) {
            PriorDecision earlier = byRequest.get(d.requestId());
            if (earlier == null) {
                Posted stored = state.disbursementsByRequest().get(d.requestId());
                earlier = stored == null ? null : new PriorDecision.Paid(stored);
            }
            if (earlier instanceof PriorDecision.Paid paid) {
                answers.add(new Result(d, new Posted(paid.posted().entry(), paid.posted().balanceAfterFen(), true)));
                return;
            }
            if (earlier instanceof PriorDecision.Refused refused) {
                reject(d, refused.reason());
                return;
            }
            if (!state.communities().contains(d.communityId())) {
                refuse(d, new ApiException(ErrorCode.UNKNOWN_COMMUNITY, "Community " + d.communityId() + " is unknown"));
                return;
            }
            Account.Fund fund = Account.fund(d.communityId());
            Fen amount = Fen.of(d.amountFen());
            long available = balance(fund);
            if (available < amount.value()) {
                refuse(d, insufficient(fund, available, amount.value()));
                return;
            }
            Entry e = append(EntryType.DISBURSEMENT, d.communityId(), fund, Account.spending(d.activityId()), amount,
                    recordedAt, null);
            disbursements.add(new DisbursementRow(e.entryId(), d.requestId(), d.activityId(), d.purpose()));
            Posted posted = new Posted(e, fundBalance(d.communityId()), false);
            byRequest.put(d.requestId(), new PriorDecision.Paid(posted));
            answers.add(new Result(d, posted));
        }

        private void refuse(Disburse d, ApiException reason) {
            byRequest.put(d.requestId(), new PriorDecision.Refused(reason));
            reject(d, reason);
        }

        /**
         * A funding request: decided once, finally. An earlier decision (stored, or earlier in this batch) is answered
         * again and nothing is written; a request already paid through {@link LedgerService#disburse} is recorded as
         * approved with that entry. Every new decision, approved or not, is a row and a FundingDecided event.
         */
        void funding(Fund f) {
            FundingOutcome earlier = byFunding.get(f.requestId());
            if (earlier == null) {
                earlier = state.fundingDecisions().get(f.requestId());
            }
            if (earlier != null) {
                answers.add(new Result(f, new FundingOutcome(earlier.requestId(), earlier.activityId(),
                        earlier.communityId(), earlier.approved(), earlier.entryId(), earlier.reason(),
                        earlier.balanceAfterFen(), true)));
                return;
            }
            Account.Fund fund = Account.fund(f.communityId());
            FundingOutcome outcome;
            // a rejection is a reading of the fund as of the head at this point of the batch; an approval, its entry's
            long sequence = headSequence;
            Posted paid = state.disbursementsByRequest().get(f.requestId());
            if (paid != null) {
                sequence = paid.entry().sequence();
                outcome = approved(f, paid.entry().entryId(), paid.balanceAfterFen());
            } else if (f.amountFen() < 1) {
                outcome = rejected(f, FundingRejection.INVALID_AMOUNT, balance(fund));
            } else if (!state.communities().contains(f.communityId())) {
                outcome = rejected(f, FundingRejection.UNKNOWN_COMMUNITY, 0);
            } else if (balance(fund) < f.amountFen()) {
                outcome = rejected(f, FundingRejection.INSUFFICIENT_FUNDS, balance(fund));
            } else {
                Entry e = append(EntryType.DISBURSEMENT, f.communityId(), fund, Account.spending(f.activityId()),
                        Fen.of(f.amountFen()), recordedAt, null);
                disbursements.add(new DisbursementRow(e.entryId(), f.requestId(), f.activityId(), f.purpose()));
                sequence = e.sequence();
                outcome = approved(f, e.entryId(), fundBalance(f.communityId()));
            }
            byFunding.put(f.requestId(), outcome);
            fundingDecisions.add(new FundingDecisionRow(f.requestId(), f.activityId(), f.communityId(), f.amountFen(),
                    outcome.approved(), outcome.entryId(), outcome.reason(), outcome.balanceAfterFen(), recordedAt));
            events.add(new Event(Topics.FUNDING_DECISIONS, FundingDecided.of(f.requestId(), f.activityId(),
                    f.communityId(), outcome.approved(), outcome.entryId(), outcome.reason(), outcome.balanceAfterFen(),
                    sequence)));
            answers.add(new Result(f, outcome));
        }

        private FundingOutcome approved(Fund f, UUID entryId, long balanceAfter) {
            return new FundingOutcome(f.requestId(), f.activityId(), f.communityId(), true, entryId, null, balanceAfter,
                    false);
        }

        private FundingOutcome rejected(Fund f, FundingRejection why, long balanceAfter) {
            return new FundingOutcome(f.requestId(), f.activityId(), f.communityId(), false, null, why.reason(),
                    balanceAfter, false);
        }

        void reversal(Reverse r) {
            Entry original = state.reversalTargets().get(r.entryId());
            if (original == null) {
                reject(r, ApiException.notFound("Entry", r.entryId()));
                return;
            }
            if (original.type() == EntryType.REVERSAL) {
                reject(r, new ApiException(ErrorCode.REVERSAL_NOT_REVERSIBLE,
                        "A reversal cannot itself be reversed; record a new entry instead"));
                return;
            }
            if (state.alreadyReversed().containsKey(r.entryId()) || !reversedNow.add(r.entryId())) {
                reject(r, new ApiException(ErrorCode.ALREADY_REVERSED, "Entry " + r.entryId() + " is already reversed")
                        .detail("entry", r.entryId())
                        .with("reversalEntryId", state.alreadyReversed().get(r.entryId())));
                return;
            }
            // the same amount back: the original's credit account pays, its debit account receives
            Account from = Account.parse(original.creditAccount());
            Fen amount = Fen.of(original.amountFen());
            long available = balance(from);
            if (from instanceof Account.Fund && available < amount.value()) {
                reversedNow.remove(r.entryId());
                reject(r, insufficient(from, available, amount.value()));
                return;
            }
            Entry e = append(EntryType.REVERSAL, original.communityId(), from, Account.parse(original.debitAccount()),
                    amount, recordedAt, original.entryId());
            reversals.add(new ReversalRow(e.entryId(), r.reason(), r.requestedBy()));
            long fundAfter = fundBalance(original.communityId());
            events.add(new Event(Topics.DONATIONS, ReversalRecorded.of(e.entryId(), e.sequence(), e.communityId(),
                    original.entryId(), e.amountFen(), fundAfter,
                    from instanceof Account.Spending s ? s.activityId() : null)));
            answers.add(new Result(r, new Posted(e, fundAfter, false)));
        }

        /** Chains one entry onto the head and applies it to the running balances. */
        private Entry append(EntryType type, UUID communityId, Account debit, Account credit, Fen amount,
                Instant occurred, UUID reversalOf) {
            Entry e = Entry.chained(headSequence + 1, Ids.newId(), type, communityId, debit.format(), credit.format(),
                    amount.value(), occurred, recordedAt, reversalOf, headHash);
            headSequence = e.sequence();
            headHash = e.hash();
            entries.add(e);
            move(debit, Math.negateExact(amount.value()));
            move(credit, amount.value());
            return e;
        }

        private void move(Account account, long delta) {
            balances.merge(account, delta, Math::addExact);
            deltas.merge(account, delta, Math::addExact);
        }

        private long balance(Account account) {
            return balances.getOrDefault(account, 0L);
        }

        private long fundBalance(UUID communityId) {
            return balance(Account.fund(communityId));
        }

        private void reject(LedgerCommand cmd, ApiException e) {
            answers.add(new Rejected(cmd, e));
        }

        private ApiException reused() {
            return new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used with a different request");
        }

        private ApiException insufficient(Account fund, long available, long wanted) {
            return new ApiException(ErrorCode.INSUFFICIENT_FUNDS,
                    "The fund holds " + available + " fen; " + wanted + " fen were asked for")
                    .detail("fen", available, wanted)
                    .with("balanceFen", available).with("account", fund.format());
        }
    }
}
