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
import org.yimeng.model.ErrorCode;

/**
 * Records donations exactly once per idempotency key. The request is checked here (shape and rules that need no
 * database); everything else (the key, the piggy-bank, the community) is decided by the {@link LedgerWriter} inside
 * the transaction that appends, so that concurrent duplicates of a key cannot both be recorded.
 */
@ApplicationScoped
public class DonationService {
    /** A donor's clock may run a little ahead of ours. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
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
        String code = r.piggyBankCode() == null ? null : r.piggyBankCode().strip().toUpperCase();
        boolean anonymous = Boolean.TRUE.equals(r.anonymous());
        return writer.submit(new LedgerCommand.Donate(idempotencyKey, requestHash(r), code, r.communityId(), r.amountFen(),
                r.channel(), blankToNull(r.donorName()), r.donorPhone(), anonymous, r.occurredAt(), new CompletableFuture<>()));
    }

    static void check(DonationRequest r) {
        if ((r.piggyBankCode() == null) == (r.communityId() == null)) {
            throw ApiException.invalid("piggyBankCode", "give exactly one of piggyBankCode and communityId");
        }
        if (Boolean.TRUE.equals(r.anonymous()) && (r.donorName() != null || r.donorPhone() != null)) {
            throw ApiException.invalid("anonymous", "an anonymous gift carries no donorName or donorPhone");
        }
        if (r.occurredAt() != null && (r.occurredAt().isAfter(Instant.now().plus(CLOCK_SKEW)) || r.occurredAt().isBefore(EARLIEST))) {
            throw ApiException.invalid("occurredAt", "must not be in the future (nor before 2000)");
        }
    }

    /**
     * The request in a canonical form, hashed: what "the same body" means for an idempotency key. Field by field, so
     * that formatting and field order do not matter and the Kafka path (DonationReceived) can build the same form.
     */
    static String requestHash(DonationRequest r) {
        String canonical = String.join("\n",
                r.piggyBankCode() == null ? "" : r.piggyBankCode().strip().toUpperCase(),
                r.communityId() == null ? "" : r.communityId().toString(),
                Long.toString(r.amountFen()),
                r.channel().name(),
                r.donorName() == null ? "" : r.donorName(),
                r.donorPhone() == null ? "" : r.donorPhone(),
                Boolean.toString(Boolean.TRUE.equals(r.anonymous())),
                r.occurredAt() == null ? "" : ChainHash.instant(ChainHash.truncate(r.occurredAt())));
        return ChainHash.sha256Hex(canonical);
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
