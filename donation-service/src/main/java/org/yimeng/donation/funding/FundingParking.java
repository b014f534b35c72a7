package org.yimeng.donation.funding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimeng.donation.ledger.LedgerCommand;
import org.yimeng.donation.ledger.LedgerCommand.FundingOutcome;
import org.yimeng.donation.ledger.LedgerService;
import org.yimeng.donation.ledger.LedgerWriter;
import org.yimeng.model.event.FundingRequested;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Funding requests that arrived before their community. CommunityChanged and FundingRequested travel on different
 * topics, so a request for a community created a moment earlier can come first; deciding it at once would reject it
 * for good (UNKNOWN_COMMUNITY). Such a request is parked instead, in the consumer's transaction, and decided here
 * once the community is known, or with UNKNOWN_COMMUNITY after {@code ledger.funding.unknown-community-grace}.
 * A parked row is deleted after the writer decided it; a crash in between decides it again, which the writer answers
 * from the stored decision.
 */
@ApplicationScoped
public class FundingParking {
    private static final Logger LOG = Logger.getLogger(FundingParking.class);

    @Inject
    DataSource dataSource;

    @Inject
    LedgerWriter writer;

    @ConfigProperty(name = "ledger.funding.unknown-community-grace", defaultValue = "PT10M")
    Duration grace;

    @ConfigProperty(name = "ledger.funding.parking-interval", defaultValue = "PT2S")
    Duration interval;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent ev) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "funding-parking");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Parks the request (in the caller's transaction); a second arrival of the same request changes nothing. */
    void park(FundingRequested e, String purpose) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO funding_parked (request_id, activity_id, community_id, amount_fen, purpose) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setObject(1, e.requestId());
            ps.setObject(2, e.activityId());
            ps.setObject(3, e.communityId());
            ps.setLong(4, e.amountFen());
            ps.setString(5, purpose);
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("parking a funding request", ex);
        }
    }

    /** Decides the parked requests whose community arrived, or whose grace is over. */
    void sweep() {
        try {
            List<UUID> decided = new ArrayList<>();
            List<CompletableFuture<FundingOutcome>> answers = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT request_id, activity_id, community_id, amount_fen, purpose FROM funding_parked p "
                            + "WHERE EXISTS (SELECT 1 FROM community k WHERE k.id = p.community_id) "
                            + "OR p.parked_at < now() - make_interval(secs => ?) ORDER BY parked_at LIMIT 500")) {
                ps.setDouble(1, grace.toMillis() / 1000.0);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID request = rs.getObject(1, UUID.class);
                        decided.add(request);
                        answers.add(writer.submit(new LedgerCommand.Fund(request, rs.getObject(3, UUID.class),
                                rs.getObject(2, UUID.class), rs.getLong(4), rs.getString(5), new CompletableFuture<>())));
                    }
                }
            }
            if (decided.isEmpty()) {
                return;
            }
            answers.forEach(LedgerService::await);
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM funding_parked WHERE request_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", decided.toArray()));
                ps.executeUpdate();
            }
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("parked funding requests: %s; trying again", e.toString());
        }
    }
}
