package org.yimeng.donation.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.yimeng.donation.ledger.LedgerCommand.Disburse;
import org.yimeng.donation.ledger.LedgerCommand.Donate;
import org.yimeng.donation.ledger.LedgerCommand.DonationReceipt;
import org.yimeng.donation.ledger.LedgerCommand.Fund;
import org.yimeng.donation.ledger.LedgerCommand.FundingOutcome;
import org.yimeng.donation.ledger.LedgerCommand.Posted;
import org.yimeng.donation.ledger.LedgerCommand.Reverse;
import org.yimeng.donation.ledger.LedgerDecider.Answer;
import org.yimeng.donation.ledger.LedgerDecider.Head;
import org.yimeng.donation.ledger.LedgerDecider.Outcome;
import org.yimeng.donation.ledger.LedgerDecider.PiggyBankRow;
import org.yimeng.donation.ledger.LedgerDecider.PriorDecision;
import org.yimeng.donation.ledger.LedgerDecider.Rejected;
import org.yimeng.donation.ledger.LedgerDecider.State;
import org.yimeng.donation.ledger.LedgerRows.BalanceChange;
import org.yimeng.model.DonationChannel;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.event.DonationRecorded;
import org.yimeng.model.event.FundingDecided;
import org.yimeng.model.event.ReversalRecorded;
import org.yimeng.model.event.Topics;

/**
 * The ledger's rules without a database: given the stored state, when a batch of commands is decided, expect its
 * entries, rows, balance changes, events and answers. Every rejection and every entry type has its case.
 */
class LedgerDeciderTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final UUID COMMUNITY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000c1");
    private static final UUID OTHER_COMMUNITY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000c2");
    private static final UUID ACTIVITY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000a1");
    private static final UUID PIGGY = UUID.fromString("0196e1a2-0000-7000-8000-0000000000b1");
    private static final Account FUND = Account.fund(COMMUNITY);
    /** 2025-12-31 17:00 UTC is already 2026 in Shanghai: the receipt year is the programme's. */
    private static final Instant NOW = Instant.parse("2025-12-31T17:00:00.123456789Z");
    private static final String HEAD_HASH = "ab".repeat(32);

    // ---- given --------------------------------------------------------------------------------------------------

    /** The stored state a batch is decided against; by default the chain has 41 entries and the community exists. */
    private static final class Given {
        Head head = new Head(41, HEAD_HASH, Instant.parse("2025-12-31T16:00:00Z"));
        final Map<String, PriorDecision.Recorded> donations = new HashMap<>();
        final Map<String, PiggyBankRow> piggyBanks = new HashMap<>();
        final Set<UUID> communities = new HashSet<>(Set.of(COMMUNITY));
        final Map<UUID, Posted> disbursements = new HashMap<>();
        final Map<UUID, FundingOutcome> fundingDecisions = new HashMap<>();
        final Map<UUID, Entry> entries = new HashMap<>();
        final Map<UUID, UUID> reversed = new HashMap<>();
        final Map<Account, Long> balances = new HashMap<>();

        Given fund(long fen) {
            balances.put(FUND, fen);
            balances.put(Account.DONATIONS_IN, -fen);
            return this;
        }

        Given piggyBank(String code, boolean active) {
            piggyBanks.put(code, new PiggyBankRow(PIGGY, COMMUNITY, active));
            return this;
        }

        Given entry(Entry e) {
            entries.put(e.entryId(), e);
            return this;
        }

        Outcome when(LedgerCommand... commands) {
            LedgerDecider decider = new LedgerDecider(SHANGHAI);
            State state = new State(donations, piggyBanks, communities, disbursements, fundingDecisions, entries,
                    reversed, balances);
            LedgerDecider.Decided decided = decider.decide(List.of(commands), head, state, NOW);
            Outcome outcome = decided.withReceiptNumbers(
                    LongStream.rangeClosed(7, 6 + decided.receiptNumbersNeeded()).boxed().toList());
            outcome.answers().forEach(Answer::deliver);
            return outcome;
        }
    }

    private static Given given() {
        return new Given();
    }

    private static Donate donate(String key, long fen) {
        return new Donate(key, "h-" + key + "-" + fen, "legacy-" + key, null, COMMUNITY, fen, DonationChannel.WECHAT,
                "王芳", "+8613812345678", false, null, new CompletableFuture<>());
    }

    private static Donate donateInto(String piggyBankCode, long fen) {
        return new Donate("k-" + piggyBankCode, "h", "l", piggyBankCode, null, fen, DonationChannel.CASH, null, null,
                true, null, new CompletableFuture<>());
    }

    private static Disburse disburse(UUID request, long fen) {
        return new Disburse(request, COMMUNITY, ACTIVITY, fen, "茶水", new CompletableFuture<>());
    }

    private static Fund fundRequest(UUID request, UUID community, long fen) {
        return new Fund(request, community, ACTIVITY, fen, "义诊", new CompletableFuture<>());
    }

    private static Reverse reverse(UUID entryId) {
        return new Reverse(entryId, "误录", "auditor-1", new CompletableFuture<>());
    }

    private static Entry stored(long sequence, EntryType type, Account debit, Account credit, long fen, UUID reversalOf) {
        return Entry.chained(sequence, UUID.randomUUID(), type, COMMUNITY, debit.format(), credit.format(), fen,
                Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-06-01T00:00:00Z"), reversalOf, HEAD_HASH);
    }

    // ---- expect -------------------------------------------------------------------------------------------------

    private static <T> T result(LedgerCommand cmd, Class<T> type) {
        return type.cast(cmd.future().join());
    }

    private static ErrorCode rejection(LedgerCommand cmd) {
        assertTrue(cmd.future().isCompletedExceptionally(), "expected a rejection");
        Throwable t = assertThrows(Exception.class, () -> cmd.future().join()).getCause();
        return assertInstanceOf(org.yimeng.kit.error.ApiException.class, t).code();
    }

    private static long delta(Outcome o, Account account) {
        return List.of(o.balanceUpdates(), o.newBalances()).stream().flatMap(List::stream)
                .filter(b -> b.account().equals(account)).mapToLong(BalanceChange::deltaFen).sum();
    }

    // ---- donations ----------------------------------------------------------------------------------------------

    @Test
    void aDonationIsADonationEntryFromTheCityIntoTheFundChainedOntoTheHead() {
        Donate d = donate("k1", 100);
        Outcome o = given().fund(500).when(d);

        Entry e = o.entries().get(0);
        assertEquals(EntryType.DONATION, e.type());
        assertEquals(42, e.sequence());
        assertEquals(HEAD_HASH, e.prevHash());
        assertEquals("city:donations-in", e.debitAccount());
        assertEquals(FUND.format(), e.creditAccount());
        assertEquals(ChainHash.hash(42, e.entryId(), "DONATION", COMMUNITY, e.debitAccount(), e.creditAccount(), 100,
                e.occurredAt(), e.recordedAt(), null, HEAD_HASH), e.hash());
        assertEquals(new Head(42, e.hash(), ChainHash.truncate(NOW)), o.head());
        DonationReceipt r = result(d, DonationReceipt.class);
        assertEquals("AP-2026-000007", r.receiptNo());
        assertEquals(600, r.balanceAfterFen());
        assertFalse(r.replayed());
        assertEquals(List.of(new LedgerRows.DonationRow(e.entryId(), "k1", "h-k1-100", "AP-2026-000007", null, "WECHAT",
                false)), o.donations());
        assertEquals(List.of(new LedgerRows.DonorRow(e.entryId(), "王芳", "+8613812345678")), o.donors());
        assertEquals(100, delta(o, FUND));
        assertEquals(-100, delta(o, Account.DONATIONS_IN));
        DonationRecorded ev = assertInstanceOf(DonationRecorded.class, o.events().get(0).event());
        assertEquals(Topics.DONATIONS, o.events().get(0).topic());
        assertEquals(List.of(e.entryId(), 42L, 600L, "AP-2026-000007"),
                List.of(ev.entryId(), ev.sequence(), ev.balanceAfterFen(), ev.receiptNo()));
    }

    @Test
    void anAnonymousGiftThroughAPiggyBankGoesToItsCommunityAndKeepsNoDonor() {
        Donate d = donateInto("PB-1", 100);
        Outcome o = given().piggyBank("PB-1", true).when(d);

        assertEquals(COMMUNITY, o.entries().get(0).communityId());
        assertEquals(PIGGY, o.donations().get(0).piggyBankId());
        assertTrue(o.donors().isEmpty());
    }

    @Test
    void aFirstGiftToAFundInsertsItsBalanceRowAndMovesTheCitysExistingOne() {
        Given g = given();
        g.balances.put(Account.DONATIONS_IN, -1L);
        Outcome o = g.when(donate("k1", 100));

        assertEquals(List.of(new BalanceChange(Account.DONATIONS_IN, -100)), o.balanceUpdates());
        assertEquals(List.of(new BalanceChange(FUND, 100)), o.newBalances());
    }

    @Test
    void aGiftDatedAheadOfTheLedgerClockOccursWhenItIsRecorded() {
        Donate d = new Donate("k", "h", "l", null, COMMUNITY, 1, DonationChannel.CASH, null, null, true,
                NOW.plusSeconds(30), new CompletableFuture<>());
        Outcome o = given().when(d);
        assertEquals(o.entries().get(0).recordedAt(), o.entries().get(0).occurredAt());
    }

    @Test
    void theRecordingTimeNeverGoesBackAlongTheChainEvenIfTheClockDoes() {
        Given g = given();
        Instant later = ChainHash.truncate(NOW.plusSeconds(3600)); // as stored: whole microseconds
        g.head = new Head(41, HEAD_HASH, later);
        Outcome o = g.when(donate("k", 1));
        assertEquals(later, o.entries().get(0).recordedAt());
    }

    @Test
    void aStoredKeyWithTheSameRequestReplaysTheFirstReceiptAndWritesNothing() {
        Donate d = donate("k1", 100);
        DonationReceipt first = new DonationReceipt(UUID.randomUUID(), 3, COMMUNITY, 100, "AP-2025-000001", HEAD_HASH,
                NOW, 0, true);
        Given g = given();
        g.donations.put("k1", new PriorDecision.Recorded("legacy-k1", first)); // an old row's money-only fingerprint
        Outcome o = g.when(d);

        assertTrue(o.writesNothing());
        assertSame(first, result(d, DonationReceipt.class));
    }

    @Test
    void aStoredKeyWithAnotherRequestIsRejectedAsReused() {
        Donate d = donate("k1", 100);
        Given g = given();
        g.donations.put("k1", new PriorDecision.Recorded("something else", new DonationReceipt(UUID.randomUUID(), 3,
                COMMUNITY, 5, "AP-2025-000001", HEAD_HASH, NOW, 0, true)));
        Outcome o = g.when(d);

        assertTrue(o.writesNothing());
        assertEquals(ErrorCode.IDEMPOTENCY_KEY_REUSED, rejection(d));
    }

    @Test
    void aKeyRepeatedInTheSameBatchIsOneEntryAndTheRepeatReplaysItsReceipt() {
        Donate first = donate("k1", 100);
        Donate again = donate("k1", 100);
        Donate other = donate("k1", 999);
        Outcome o = given().when(first, again, other);

        assertEquals(1, o.entries().size());
        DonationReceipt r1 = result(first, DonationReceipt.class);
        DonationReceipt r2 = result(again, DonationReceipt.class);
        assertEquals(r1.entryId(), r2.entryId());
        assertEquals(r1.receiptNo(), r2.receiptNo());
        assertTrue(r2.replayed());
        assertEquals(ErrorCode.IDEMPOTENCY_KEY_REUSED, rejection(other));
    }

    @Test
    void anUnknownPiggyBankIsRejected() {
        Donate d = donateInto("PB-X", 100);
        Outcome o = given().when(d);
        assertTrue(o.writesNothing());
        assertEquals(ErrorCode.UNKNOWN_PIGGY_BANK, rejection(d));
    }

    @Test
    void aRetiredPiggyBankIsRejected() {
        Donate d = donateInto("PB-1", 100);
        Outcome o = given().piggyBank("PB-1", false).when(d);
        assertTrue(o.writesNothing());
        assertEquals(ErrorCode.PIGGY_BANK_RETIRED, rejection(d));
    }

    @Test
    void aGiftToACommunityTheLedgerHasNotHeardOfIsRejected() {
        Given g = given();
        g.communities.clear();
        Donate d = donate("k1", 100);
        Outcome o = g.when(d);
        assertTrue(o.writesNothing());
        assertEquals(ErrorCode.UNKNOWN_COMMUNITY, rejection(d));
    }

    @Test
    void receiptNumbersAreAskedForOnlyForNewDonations() {
        Given g = given();
        g.piggyBanks.clear();
        LedgerDecider.Decided decided = new LedgerDecider(SHANGHAI).decide(
                List.of(donate("a", 1), donate("a", 1), donateInto("PB-X", 1), donate("b", 1)), g.head,
                new State(g.donations, g.piggyBanks, g.communities, g.disbursements, g.fundingDecisions, g.entries,
                        g.reversed, g.balances), NOW);
        assertEquals(2, decided.receiptNumbersNeeded());
        assertThrows(IllegalArgumentException.class, () -> decided.withReceiptNumbers(List.of(1L)));
    }

    // ---- disbursements ------------------------------------------------------------------------------------------

    @Test
    void aDisbursementIsAnEntryFromTheFundToTheActivitysSpending() {
        UUID request = UUID.randomUUID();
        Disburse d = disburse(request, 300);
        Outcome o = given().fund(500).when(d);

        Entry e = o.entries().get(0);
        assertEquals(EntryType.DISBURSEMENT, e.type());
        assertEquals(FUND.format(), e.debitAccount());
        assertEquals(Account.spending(ACTIVITY).format(), e.creditAccount());
        assertEquals(e.recordedAt(), e.occurredAt());
        Posted p = result(d, Posted.class);
        assertEquals(200, p.balanceAfterFen());
        assertFalse(p.replayed());
        assertEquals(List.of(new LedgerRows.DisbursementRow(e.entryId(), request, ACTIVITY, "茶水")), o.disbursements());
        assertEquals(-300, delta(o, FUND));
        assertEquals(List.of(new BalanceChange(Account.spending(ACTIVITY), 300)), o.newBalances());
        assertTrue(o.events().isEmpty());
    }

    @Test
    void aDisbursementMoreThanTheFundHoldsIsRejectedAndItsRepeatInTheBatchToo() {
        UUID request = UUID.randomUUID();
        Disburse d = disburse(request, 501);
        Disburse again = disburse(request, 501);
        Outcome o = given().fund(500).when(d, again);

        assertTrue(o.writesNothing());
        assertEquals(ErrorCode.INSUFFICIENT_FUNDS, rejection(d));
        assertEquals(ErrorCode.INSUFFICIENT_FUNDS, rejection(again));
    }

    @Test
    void aDisbursementFromAnUnknownCommunityIsRejected() {
        Given g = given();
        g.communities.clear();
        Disburse d = disburse(UUID.randomUUID(), 1);
        g.when(d);
        assertEquals(ErrorCode.UNKNOWN_COMMUNITY, rejection(d));
    }

    @Test
    void aRepeatedDisbursementReplaysThePaymentStoredOrInTheBatch() {
        UUID storedRequest = UUID.randomUUID();
        UUID newRequest = UUID.randomUUID();
        Entry paid = stored(9, EntryType.DISBURSEMENT, FUND, Account.spending(ACTIVITY), 50, null);
        Given g = given().fund(500);
        g.disbursements.put(storedRequest, new Posted(paid, 450, true));
        Disburse repeat = disburse(storedRequest, 50);
        Disburse first = disburse(newRequest, 100);
        Disburse second = disburse(newRequest, 100);
        Outcome o = g.when(repeat, first, second);

        assertEquals(1, o.entries().size());
        assertEquals(paid, result(repeat, Posted.class).entry());
        assertTrue(result(repeat, Posted.class).replayed());
        assertEquals(result(first, Posted.class).entry(), result(second, Posted.class).entry());
        assertTrue(result(second, Posted.class).replayed());
    }

    // ---- funding decisions --------------------------------------------------------------------------------------

    @Test
    void anApprovedFundingRequestIsADisbursementADecisionRowAndAnEvent() {
        UUID request = UUID.randomUUID();
        Fund f = fundRequest(request, COMMUNITY, 200);
        Outcome o = given().fund(500).when(f);

        Entry e = o.entries().get(0);
        assertEquals(EntryType.DISBURSEMENT, e.type());
        FundingOutcome out = result(f, FundingOutcome.class);
        assertTrue(out.approved());
        assertEquals(e.entryId(), out.entryId());
        assertEquals(300, out.balanceAfterFen());
        assertEquals(new LedgerRows.FundingDecisionRow(request, ACTIVITY, COMMUNITY, 200, true, e.entryId(), null, 300,
                ChainHash.truncate(NOW)), o.fundingDecisions().get(0));
        FundingDecided ev = assertInstanceOf(FundingDecided.class, o.events().get(0).event());
        assertEquals(Topics.FUNDING_DECISIONS, o.events().get(0).topic());
        assertEquals(e.sequence(), ev.sequence());
    }

    @Test
    void aFundingRequestIsRejectedWithItsReasonAsADecisionWithoutAnEntry() {
        Given g = given().fund(500);
        Fund zero = fundRequest(UUID.randomUUID(), COMMUNITY, 0);
        Fund tooMuch = fundRequest(UUID.randomUUID(), COMMUNITY, 501);
        Fund nowhere = fundRequest(UUID.randomUUID(), OTHER_COMMUNITY, 1);
        Outcome o = g.when(zero, tooMuch, nowhere);

        assertTrue(o.entries().isEmpty());
        assertFalse(o.writesNothing()); // the decisions are rows
        assertEquals(List.of("INVALID_AMOUNT", "INSUFFICIENT_FUNDS", "UNKNOWN_COMMUNITY"),
                o.fundingDecisions().stream().map(LedgerRows.FundingDecisionRow::reason).toList());
        assertEquals(List.of(500L, 500L, 0L),
                o.fundingDecisions().stream().map(LedgerRows.FundingDecisionRow::balanceAfterFen).toList());
        assertFalse(result(tooMuch, FundingOutcome.class).approved());
        FundingDecided ev = assertInstanceOf(FundingDecided.class, o.events().get(1).event());
        assertEquals(41, ev.sequence()); // a rejection reads the fund as of the head
        assertEquals(3, o.events().size());
    }

    @Test
    void aFundingRequestDecidedBeforeIsAnsweredAgainAndNothingIsWritten() {
        UUID request = UUID.randomUUID();
        Given g = given().fund(500);
        g.fundingDecisions.put(request, new FundingOutcome(request, ACTIVITY, COMMUNITY, false, null,
                "INSUFFICIENT_FUNDS", 3, true));
        Fund f = fundRequest(request, COMMUNITY, 100);
        Outcome o = g.when(f);

        assertTrue(o.writesNothing());
        FundingOutcome out = result(f, FundingOutcome.class);
        assertEquals("INSUFFICIENT_FUNDS", out.reason());
        assertTrue(out.replayed());
    }

    @Test
    void aFundingRequestRepeatedInTheBatchIsDecidedOnce() {
        UUID request = UUID.randomUUID();
        Fund f = fundRequest(request, COMMUNITY, 100);
        Fund again = fundRequest(request, COMMUNITY, 100);
        Outcome o = given().fund(500).when(f, again);

        assertEquals(1, o.entries().size());
        assertEquals(1, o.fundingDecisions().size());
        assertTrue(result(again, FundingOutcome.class).replayed());
    }

    @Test
    void aFundingRequestAlreadyPaidAsADisbursementIsApprovedWithThatEntry() {
        UUID request = UUID.randomUUID();
        Entry paid = stored(9, EntryType.DISBURSEMENT, FUND, Account.spending(ACTIVITY), 50, null);
        Given g = given().fund(0);
        g.disbursements.put(request, new Posted(paid, 450, true));
        Fund f = fundRequest(request, COMMUNITY, 50);
        Outcome o = g.when(f);

        assertTrue(o.entries().isEmpty());
        FundingOutcome out = result(f, FundingOutcome.class);
        assertTrue(out.approved());
        assertEquals(paid.entryId(), out.entryId());
        assertEquals(9, assertInstanceOf(FundingDecided.class, o.events().get(0).event()).sequence());
    }

    // ---- reversals ----------------------------------------------------------------------------------------------

    @Test
    void aReversedDonationIsAReversalEntryTheOtherWayRound() {
        Entry gift = stored(9, EntryType.DONATION, Account.DONATIONS_IN, FUND, 70, null);
        Reverse r = reverse(gift.entryId());
        Outcome o = given().fund(500).entry(gift).when(r);

        Entry e = o.entries().get(0);
        assertEquals(EntryType.REVERSAL, e.type());
        assertEquals(FUND.format(), e.debitAccount());
        assertEquals("city:donations-in", e.creditAccount());
        assertEquals(gift.entryId(), e.reversalOf());
        assertEquals(70, e.amountFen());
        assertEquals(430, result(r, Posted.class).balanceAfterFen());
        assertEquals(List.of(new LedgerRows.ReversalRow(e.entryId(), "误录", "auditor-1")), o.reversals());
        ReversalRecorded ev = assertInstanceOf(ReversalRecorded.class, o.events().get(0).event());
        assertNull(ev.activityId());
    }

    @Test
    void aReversedDisbursementPutsTheMoneyBackAndNamesItsActivity() {
        Entry paid = stored(9, EntryType.DISBURSEMENT, FUND, Account.spending(ACTIVITY), 50, null);
        Given g = given().fund(450).entry(paid);
        g.balances.put(Account.spending(ACTIVITY), 50L);
        Reverse r = reverse(paid.entryId());
        Outcome o = g.when(r);

        assertEquals(500, result(r, Posted.class).balanceAfterFen());
        assertEquals(ACTIVITY, assertInstanceOf(ReversalRecorded.class, o.events().get(0).event()).activityId());
        assertEquals(List.of(-50L, 50L), List.of(delta(o, Account.spending(ACTIVITY)), delta(o, FUND)));
    }

    @Test
    void reversingAnUnknownEntryIsNotFound() {
        Reverse r = reverse(UUID.randomUUID());
        given().when(r);
        assertEquals(ErrorCode.NOT_FOUND, rejection(r));
    }

    @Test
    void aReversalCannotBeReversed() {
        Entry back = stored(10, EntryType.REVERSAL, FUND, Account.DONATIONS_IN, 70, UUID.randomUUID());
        Reverse r = reverse(back.entryId());
        given().fund(500).entry(back).when(r);
        assertEquals(ErrorCode.REVERSAL_NOT_REVERSIBLE, rejection(r));
    }

    @Test
    void anEntryIsReversedOnceStoredOrInTheSameBatch() {
        Entry gift = stored(9, EntryType.DONATION, Account.DONATIONS_IN, FUND, 70, null);
        Entry older = stored(8, EntryType.DONATION, Account.DONATIONS_IN, FUND, 10, null);
        Given g = given().fund(500).entry(gift).entry(older);
        g.reversed.put(older.entryId(), UUID.randomUUID());
        Reverse first = reverse(gift.entryId());
        Reverse second = reverse(gift.entryId());
        Reverse stale = reverse(older.entryId());
        Outcome o = g.when(first, second, stale);

        assertEquals(1, o.entries().size());
        assertInstanceOf(Posted.class, first.future().join());
        assertEquals(ErrorCode.ALREADY_REVERSED, rejection(second));
        assertEquals(ErrorCode.ALREADY_REVERSED, rejection(stale));
    }

    @Test
    void aDonationCannotBeReversedOnceItsMoneyIsSpentAndMayBeLaterInTheBatch() {
        Entry gift = stored(9, EntryType.DONATION, Account.DONATIONS_IN, FUND, 70, null);
        Reverse early = reverse(gift.entryId());
        Donate topUp = donate("k", 70);
        Reverse late = reverse(gift.entryId());
        Outcome o = given().fund(20).entry(gift).when(early, topUp, late);

        assertEquals(ErrorCode.INSUFFICIENT_FUNDS, rejection(early));
        assertEquals(20, result(late, Posted.class).balanceAfterFen());
        assertEquals(List.of(EntryType.DONATION, EntryType.REVERSAL), o.entries().stream().map(Entry::type).toList());
    }

    // ---- the batch as a whole -----------------------------------------------------------------------------------

    @Test
    void entriesOfOneBatchLinkInOrderAndEveryCommandIsAnsweredOnce() {
        Entry gift = stored(9, EntryType.DONATION, Account.DONATIONS_IN, FUND, 70, null);
        List<LedgerCommand> commands = new ArrayList<>(List.of(donate("a", 100), disburse(UUID.randomUUID(), 30),
                fundRequest(UUID.randomUUID(), COMMUNITY, 20), reverse(gift.entryId()), donateInto("PB-X", 1)));
        Outcome o = given().fund(20).entry(gift).when(commands.toArray(LedgerCommand[]::new));

        assertEquals(List.of(42L, 43L, 44L, 45L), o.entries().stream().map(Entry::sequence).toList());
        for (int i = 1; i < o.entries().size(); i++) {
            assertEquals(o.entries().get(i - 1).hash(), o.entries().get(i).prevHash());
        }
        assertEquals(o.entries().get(3).hash(), o.head().hash());
        assertEquals(commands.size(), o.answers().size());
        assertEquals(Set.copyOf(commands), Set.copyOf(o.answers().stream().map(Answer::command).toList()));
        assertEquals(1, o.answers().stream().filter(a -> a instanceof Rejected).count());
        // 20 + 100 - 30 - 20 - 70: the reversal is paid from what the batch gave before it
        assertEquals(-20, delta(o, FUND));
        assertEquals(0, result(commands.get(3), Posted.class).balanceAfterFen());
    }
}
