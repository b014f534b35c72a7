package org.yimeng.donation.donation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.yimeng.donation.donation.DonationDtos.DonationRequest;
import org.yimeng.donation.donation.DonationDtos.DonationResponse;
import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.donation.ledger.LedgerCommand;
import org.yimeng.donation.ledger.LedgerCommand.DonationReceipt;
import org.yimeng.donation.ledger.LedgerWriter;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.idempotency.Idempotency;
import org.yimeng.model.DonationChannel;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.event.DonationReceived;

/**
 * Records donations exactly once per idempotency key. The request is checked here (shape and rules that need no
 * database); everything else (the key, the piggy-bank, the community) is decided by the {@link LedgerWriter} inside
 * the transaction that appends, so that concurrent duplicates of a key cannot both be recorded.
 */
@ApplicationScoped
public class DonationService {
    /** A donor's clock may run a little ahead of ours. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("1[3-9][0-9]{9}");
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    @Inject
    LedgerWriter writer;

    @Inject
    DataSource dataSource;

    /** Validates and queues the donation; the future completes once its batch committed. */
    public CompletableFuture<DonationReceipt> donate(String idempotencyKey, DonationRequest r) {
        if (idempotencyKey == null) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REQUIRED, "POST /api/v1/donations needs an Idempotency-Key header");
        }
        Idempotency.validateKey(idempotencyKey);
        check(r);
        String code = normalizeCode(r.piggyBankCode());
        boolean anonymous = Boolean.TRUE.equals(r.anonymous());
        String name = blankToNull(r.donorName());
        return writer.submit(new LedgerCommand.Donate(idempotencyKey,
                requestHash(code, r.communityId(), r.amountFen(), r.channel(), name, r.donorPhone(), anonymous,
                        r.occurredAt()),
                legacyRequestHash(code, r.communityId(), r.amountFen(), r.channel()), code, r.communityId(),
                r.amountFen(), r.channel(), name, r.donorPhone(), anonymous, r.occurredAt(), new CompletableFuture<>()));
    }

    /**
     * The same command from a {@link DonationReceived} (ledger.incoming-donations.v1): the rules of the HTTP path,
     * checked here by hand because no Bean Validation runs on events. Throws {@link ApiException} for a record that
     * can never be recorded; the caller sends it to the DLQ.
     */
    public static LedgerCommand.Donate command(DonationReceived e) {
        if (e.idempotencyKey() == null) {
            throw ApiException.invalid("idempotencyKey", "required").detail("required");
        }
        Idempotency.validateKey(e.idempotencyKey());
        if (e.amountFen() < 1 || e.amountFen() > DonationDtos.MAX_AMOUNT_FEN) {
            throw ApiException.invalid("amountFen", "must be 1 to " + DonationDtos.MAX_AMOUNT_FEN).detail("oneToMax", DonationDtos.MAX_AMOUNT_FEN);
        }
        DonationChannel channel = channel(e.channel());
        if (e.piggyBankCode() != null && (e.piggyBankCode().isBlank() || e.piggyBankCode().length() > 32)) {
            throw ApiException.invalid("piggyBankCode", "must be 1 to 32 characters").detail("oneTo32");
        }
        DonationReceived.Donor donor = e.donor();
        String name = donor == null ? null : donor.name();
        String phone = donor == null ? null : donor.phone();
        if (name != null && (name.isEmpty() || name.length() > 100)) {
            throw ApiException.invalid("donor.name", "must be 1 to 100 characters").detail("oneTo100");
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ApiException.invalid("donor.phone", "must be an 11-digit mobile number").detail("mobile");
        }
        boolean anonymous = donor != null && donor.anonymous();
        check(new DonationRequest(e.piggyBankCode(), e.communityId(), e.amountFen(), channel, name, phone, anonymous,
                e.occurredAt()));
        String code = normalizeCode(e.piggyBankCode());
        String donorName = blankToNull(name);
        return new LedgerCommand.Donate(e.idempotencyKey(),
                requestHash(code, e.communityId(), e.amountFen(), channel, donorName, phone, anonymous, e.occurredAt()),
                legacyRequestHash(code, e.communityId(), e.amountFen(), channel), code, e.communityId(), e.amountFen(),
                channel, donorName, phone, anonymous, e.occurredAt(), new CompletableFuture<>());
    }

    private static DonationChannel channel(String name) {
        if (name != null) {
            for (DonationChannel c : DonationChannel.values()) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
        }
        throw ApiException.invalid("channel", "must be one of CASH, WECHAT, ALIPAY, UNIONPAY, BANK").detail("channel");
    }

    private static String normalizeCode(String code) {
        return code == null ? null : code.strip().toUpperCase();
    }

    static void check(DonationRequest r) {
        if ((r.piggyBankCode() == null) == (r.communityId() == null)) {
            throw ApiException.invalid("piggyBankCode", "give exactly one of piggyBankCode and communityId").detail("bankOrCommunity");
        }
        if (Boolean.TRUE.equals(r.anonymous()) && (r.donorName() != null || r.donorPhone() != null)) {
            throw ApiException.invalid("anonymous", "an anonymous gift carries no donorName or donorPhone").detail("anonymous");
        }
        if (r.occurredAt() != null && (r.occurredAt().isAfter(Instant.now().plus(CLOCK_SKEW)) || r.occurredAt().isBefore(EARLIEST))) {
            throw ApiException.invalid("occurredAt", "must not be in the future (nor before 2000)").detail("occurredAt");
        }
    }

    /**
     * What "the same request" means for an idempotency key, over HTTP and over Kafka alike (api.md): the whole body,
     * in the form the ledger stores it (piggy-bank code upper-cased, donor name stripped, occurredAt to the
     * microsecond, anonymous false when absent). A key sent both ways is one donation only with the same body;
     * another donorName, phone or occurredAt is 422 IDEMPOTENCY_KEY_REUSED (or the DLQ), not a silent replay.
     * Fields are joined by newlines, each prefixed by its name, so that no two bodies share a line.
     */
    static String requestHash(String normalizedCode, UUID communityId, long amountFen, DonationChannel channel,
            String donorName, String donorPhone, boolean anonymous, Instant occurredAt) {
        return ChainHash.sha256Hex("body-v1\npiggyBankCode=" + nullToEmpty(normalizedCode)
                + "\ncommunityId=" + (communityId == null ? "" : communityId.toString()) + "\namountFen=" + amountFen
                + "\nchannel=" + channel.name() + "\ndonorName=" + nullToEmpty(donorName)
                + "\ndonorPhone=" + nullToEmpty(donorPhone) + "\nanonymous=" + anonymous
                + "\noccurredAt=" + (occurredAt == null ? "" : ChainHash.instant(ChainHash.truncate(occurredAt))));
    }

    /**
     * The money-only fingerprint (target, amount, channel) of rows recorded before the whole-body one (issue 13), as
     * V2__funding_and_incoming.sql computed it in SQL. Those rows cannot be fingerprinted again: the body as sent is
     * not all stored (erased donors, occurredAt clamped to recordedAt), so a replay of an old key keeps that meaning.
     */
    static String legacyRequestHash(String normalizedCode, UUID communityId, long amountFen, DonationChannel channel) {
        return ChainHash.sha256Hex((normalizedCode == null ? "" : normalizedCode) + "\n"
                + (communityId == null ? "" : communityId.toString()) + "\n" + amountFen + "\n" + channel.name());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static DonationResponse response(DonationReceipt r) {
        return new DonationResponse(r.entryId(), r.sequence(), r.communityId(), r.amountFen(), r.receiptNo(), r.hash(),
                ChainHash.instant(r.recordedAt()));
    }

    /**
     * Erases a donor's name and phone (个人信息保护法 §47). Only the side table changes: the entry, its hash and the
     * chain are untouched. Idempotent: erasing twice is fine; an unknown donation is 404.
     */
    @Transactional
    public void eraseDonor(UUID entryId) {
        try (var c = dataSource.getConnection()) {
            try (var ps = c.prepareStatement("SELECT 1 FROM donation WHERE entry_id = ?")) {
                ps.setObject(1, entryId);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("Donation", entryId);
                    }
                }
            }
            try (var ps = c.prepareStatement("DELETE FROM donor WHERE entry_id = ?")) {
                ps.setObject(1, entryId);
                ps.executeUpdate();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("donor erasure", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
