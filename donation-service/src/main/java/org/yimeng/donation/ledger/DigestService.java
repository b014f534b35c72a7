package org.yimeng.donation.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimeng.kit.outbox.Outbox;
import org.yimeng.model.event.LedgerDigest;
import org.yimeng.model.event.Topics;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Pins the chain's head: every {@code ledger.digest.interval} (and whenever {@code ledger.digest.every-entries} more
 * entries were appended) it stores (head sequence, head hash, at) in {@code ledger_digest} and publishes it as
 * {@link LedgerDigest} on ledger.digests.v1 through the outbox. Auditors who keep the published digests can prove
 * that history up to each one was not rewritten, even by someone who recomputed every later hash. Each digest also
 * roots the Merkle tree of its period ({@link DigestTrees}), the anchor of a donor's gift proof.
 */
@ApplicationScoped
public class DigestService {
    private static final Logger LOG = Logger.getLogger(DigestService.class);
    private static final long LOCK_KEY = 0x646967657374L; // "digest"

    @Inject
    DataSource dataSource;

    @Inject
    Outbox outbox;

    @Inject
    DigestTrees trees;

    @ConfigProperty(name = "ledger.digest.interval", defaultValue = "PT5M")
    Duration interval;

    @ConfigProperty(name = "ledger.digest.every-entries", defaultValue = "10000")
    long everyEntries;

    /** Build, at start-up, the Merkle trees that digests stored before gift proofs lack (DigestTrees#backfill). */
    @ConfigProperty(name = "ledger.digest.backfill-trees", defaultValue = "true")
    boolean backfillTrees;

    private ScheduledExecutorService timer;
    private final AtomicLong lastDigested = new AtomicLong(-1);

    /** A stored digest. */
    public record Digest(long headSequence, String headHash, Instant at) {
    }

    void start(@Observes StartupEvent ev) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-digest");
            t.setDaemon(true);
            return t;
        });
        if (backfillTrees) {
            timer.execute(() -> {
                try {
                    int built = trees.backfill();
                    if (built > 0) {
                        LOG.infof("ledger digest: built the Merkle trees of %d older digests", built);
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("ledger digest trees: %s", e.toString());
                }
            });
        }
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::safeDigest, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Called by the writer after each commit: a digest is due when the head crossed a multiple of every-entries. */
    void appended(long head) {
        long last = lastDigested.get();
        if (timer != null && last >= 0 && head / everyEntries > last / everyEntries) {
            lastDigested.set(head);
            timer.execute(this::safeDigest);
        } else if (last < 0) {
            lastDigested.compareAndSet(-1, head);
        }
    }

    private void safeDigest() {
        try {
            digestNow();
        } catch (RuntimeException e) {
            LOG.warnf("ledger digest: %s", e.toString());
        }
    }

    /** Stores and publishes a digest of the current head, unless the head has not moved since the last one. */
    public Optional<Digest> digestNow() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!tryLock(c)) {
                    return Optional.<Digest>empty();
                }
                long sequence;
                String hash;
                try (PreparedStatement ps = c.prepareStatement("SELECT sequence, hash FROM chain_head WHERE id = 1");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sequence = rs.getLong(1);
                    hash = rs.getString(2);
                }
                if (sequence == 0) {
                    return Optional.<Digest>empty();
                }
                long previous;
                try (PreparedStatement ps = c.prepareStatement("SELECT max(head_sequence) FROM ledger_digest");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    previous = rs.getLong(1);
                    if (previous >= sequence) {
                        return Optional.<Digest>empty();
                    }
                }
                Instant at = ChainHash.truncate(Instant.now());
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ledger_digest (head_sequence, head_hash, at) VALUES (?, ?, ?::timestamptz)")) {
                    ps.setLong(1, sequence);
                    ps.setString(2, hash);
                    ps.setString(3, ChainHash.instant(at));
                    ps.executeUpdate();
                }
                // the period's Merkle tree, in the same transaction: a digest is never stored without its root
                DigestTrees.Tree tree = trees.build(c, previous + 1, sequence);
                outbox.publish(Topics.DIGESTS,
                        LedgerDigest.of(sequence, hash, at, previous + 1, MerkleTree.hex(tree.root())));
                lastDigested.set(sequence);
                return Optional.of(new Digest(sequence, hash, at));
            } catch (SQLException e) {
                throw new IllegalStateException("ledger digest", e);
            }
        });
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
