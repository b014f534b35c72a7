package org.yimeng.donation.donation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.yimeng.donation.ledger.LedgerCommand;
import org.yimeng.donation.ledger.LedgerCommand.DonationReceipt;
import org.yimeng.donation.ledger.LedgerService;
import org.yimeng.donation.ledger.LedgerWriter;
import org.yimeng.kit.consumer.EventHandler;
import org.yimeng.kit.consumer.PoisonEventException;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.event.DonationReceived;
import org.yimeng.model.event.Topics;

/**
 * Donations from payment platforms and cash-box counts (ledger.incoming-donations.v1). Each poll's slice is checked
 * by the rules of the HTTP path and handed to the single writer as one run of {@code Donate} commands, the same
 * commands POST /api/v1/donations submits: so an idempotency key is one donation whichever way it came, and the
 * writer's group commit carries the whole slice in one or two transactions.
 *
 * <p>The writer commits in its own transaction, before the consumer records the event ids and commits the offsets.
 * If the consumer's transaction then fails, the records come again and the writer answers every key as a replay:
 * nothing is recorded twice. A record that breaks a rule (or reuses a key for other money) is a
 * {@link PoisonEventException}; the consumer then applies the slice one record at a time, the valid ones are found
 * recorded (one indexed look-up, no writer round trip), and the bad one goes to ledger.incoming-donations.dlq.v1 with
 * the reason.
 */
@ApplicationScoped
public class IncomingDonationHandler implements EventHandler<DonationReceived> {
    @Inject
    LedgerWriter writer;

    @Inject
    DataSource dataSource;

    @Override
    public String topic() {
        return Topics.INCOMING_DONATIONS;
    }

    @Override
    public Class<DonationReceived> eventType() {
        return DonationReceived.class;
    }

    @Override
    public String deadLetterTopic() {
        return Topics.INCOMING_DONATIONS_DLQ;
    }

    @Override
    public void apply(DonationReceived event) {
        applyAll(List.of(event));
    }

    @Override
    public void applyAll(List<DonationReceived> events) {
        String poison = null;
        List<LedgerCommand.Donate> commands = new ArrayList<>(events.size());
        for (DonationReceived e : events) {
            try {
                commands.add(DonationService.command(e));
            } catch (ApiException invalid) {
                poison = poison == null ? reason(invalid) : poison;
            }
        }
        // Keys recorded before need no trip through the writer's queue: that keeps a redelivered slice, and the
        // record-by-record pass after a poison record (whose other records the writer has just committed), cheap.
        Map<String, String> known = recordedHashes(commands);
        List<CompletableFuture<DonationReceipt>> recorded = new ArrayList<>(commands.size());
        for (LedgerCommand.Donate d : commands) {
            String hash = known.get(d.idempotencyKey());
            if (hash == null) {
                recorded.add(writer.submit(d));
            } else if (!d.sameRequestAs(hash) && poison == null) {
                poison = ErrorCode.IDEMPOTENCY_KEY_REUSED.name() + ": key " + d.idempotencyKey()
                        + " was recorded with another request body";
            }
        }
        for (CompletableFuture<DonationReceipt> f : recorded) {
            try {
                LedgerService.await(f);
            } catch (ApiException refused) {
                if (refused.code().status() >= 500) {
                    throw refused; // transient: the consumer rewinds and tries again
                }
                poison = poison == null ? reason(refused) : poison;
            }
        }
        if (poison != null) {
            throw new PoisonEventException(poison);
        }
    }

    private Map<String, String> recordedHashes(List<LedgerCommand.Donate> commands) {
        Map<String, String> out = new HashMap<>();
        if (commands.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT idempotency_key, request_hash FROM donation WHERE idempotency_key = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", commands.stream().map(LedgerCommand.Donate::idempotencyKey).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up idempotency keys", e);
        }
        return out;
    }

    /** The DLQ's {@code dlq-reason}: the error code of the HTTP path, then what was wrong. */
    static String reason(ApiException e) {
        return e.code().name() + ": " + e.getMessage();
    }
}
