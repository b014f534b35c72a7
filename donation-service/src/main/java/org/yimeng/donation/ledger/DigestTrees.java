package org.yimeng.donation.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The Merkle trees of the digest periods (V7__digest_trees.sql, docs/ledger-hash.md "Gift proofs"): built when a
 * digest is stored, and on the first proof asked of a digest older than the trees. A tree never changes once stored,
 * so the chunk roots are cached by head sequence.
 */
@ApplicationScoped
public class DigestTrees {
    @Inject
    DataSource dataSource;

    private final Cache<Long, Tree> trees = Caffeine.newBuilder().maximumWeight(64L << 20)
            .weigher((Long k, Tree t) -> 64 + 32 * t.chunkRoots().size()).build();

    /** A digest period's tree: entries {@code fromSequence..headSequence}. */
    public record Tree(long fromSequence, long headSequence, byte[] root, List<byte[]> chunkRoots) {
        public long size() {
            return headSequence - fromSequence + 1;
        }
    }

    /** A stored digest (the pin of the chain head) with the tree of its period. */
    public record Period(long headSequence, String headHash, Instant at, Tree tree) {
    }

    /** An entry's proof: its leaf index in its period's tree and the audit path to the period's root. */
    public record Inclusion(Period period, MerkleTree.Proof proof) {
    }

    /** Builds and stores the tree of entries {@code from..head} in the caller's transaction (connection {@code c}). */
    public Tree build(Connection c, long from, long head) throws SQLException {
        List<byte[]> chunkRoots = new ArrayList<>((int) ((head - from) / MerkleTree.CHUNK + 1));
        List<byte[]> leaves = new ArrayList<>(MerkleTree.CHUNK);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT hash FROM ledger_entry WHERE sequence BETWEEN ? AND ? ORDER BY sequence")) {
            ps.setFetchSize(10_000);
            ps.setLong(1, from);
            ps.setLong(2, head);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leaves.add(MerkleTree.leafHashOfHex(rs.getString(1)));
                    if (leaves.size() == MerkleTree.CHUNK) {
                        chunkRoots.add(MerkleTree.root(leaves));
                        leaves.clear();
                    }
                }
            }
        }
        if (!leaves.isEmpty()) {
            chunkRoots.add(MerkleTree.root(leaves));
        }
        long expected = (head - from) / MerkleTree.CHUNK + 1;
        if (chunkRoots.size() != expected) {
            throw new IllegalStateException("entries " + from + ".." + head + " are not all in the ledger");
        }
        Tree tree = new Tree(from, head, MerkleTree.root(chunkRoots), chunkRoots);
        byte[] packed = new byte[32 * chunkRoots.size()];
        for (int i = 0; i < chunkRoots.size(); i++) {
            System.arraycopy(chunkRoots.get(i), 0, packed, 32 * i, 32);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_digest_tree (head_sequence, from_sequence, "
                + "root, chunk_roots) VALUES (?, ?, ?, ?) ON CONFLICT (head_sequence) DO NOTHING")) {
            ps.setLong(1, head);
            ps.setLong(2, from);
            ps.setString(3, MerkleTree.hex(tree.root()));
            ps.setBytes(4, packed);
            ps.executeUpdate();
        }
        return tree;
    }

    /** The digest whose period holds {@code sequence}, with its tree; empty while no digest has reached it. */
    public Optional<Period> periodOf(long sequence) {
        try (Connection c = dataSource.getConnection()) {
            long head;
            String headHash;
            Instant at;
            try (PreparedStatement ps = c.prepareStatement("SELECT head_sequence, head_hash, at FROM ledger_digest "
                    + "WHERE head_sequence >= ? ORDER BY head_sequence LIMIT 1")) {
                ps.setLong(1, sequence);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    head = rs.getLong(1);
                    headHash = rs.getString(2);
                    at = rs.getObject(3, OffsetDateTime.class).toInstant();
                }
            }
            Tree tree = trees.getIfPresent(head);
            if (tree == null) {
                tree = load(c, head).orElse(null);
            }
            if (tree == null) {
                tree = buildOld(head);
            }
            trees.put(head, tree);
            return Optional.of(new Period(head, headHash, at, tree));
        } catch (SQLException e) {
            throw new IllegalStateException("digest period", e);
        }
    }

    /** The proof that entry {@code sequence} is in its period's tree; empty while no digest has reached it. */
    public Optional<Inclusion> prove(long sequence) {
        Optional<Period> period = periodOf(sequence);
        if (period.isEmpty()) {
            return Optional.empty();
        }
        Tree tree = period.get().tree();
        long index = sequence - tree.fromSequence();
        long chunkFrom = tree.fromSequence() + index / MerkleTree.CHUNK * MerkleTree.CHUNK;
        long chunkTo = Math.min(chunkFrom + MerkleTree.CHUNK - 1, tree.headSequence());
        List<byte[]> leaves = new ArrayList<>(MerkleTree.CHUNK);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT hash FROM ledger_entry WHERE sequence BETWEEN ? AND ? ORDER BY sequence")) {
            ps.setLong(1, chunkFrom);
            ps.setLong(2, chunkTo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leaves.add(MerkleTree.leafHashOfHex(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("gift proof", e);
        }
        return Optional.of(new Inclusion(period.get(),
                MerkleTree.proof(index, tree.size(), leaves, tree.chunkRoots())));
    }

    private static Optional<Tree> load(Connection c, long head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT from_sequence, root, chunk_roots FROM ledger_digest_tree WHERE head_sequence = ?")) {
            ps.setLong(1, head);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                byte[] packed = rs.getBytes(3);
                List<byte[]> roots = new ArrayList<>(packed.length / 32);
                for (int i = 0; i < packed.length; i += 32) {
                    roots.add(java.util.Arrays.copyOfRange(packed, i, i + 32));
                }
                return Optional.of(new Tree(rs.getLong(1), head, MerkleTree.unhex(rs.getString(2)), roots));
            }
        }
    }

    /**
     * Builds the trees that digests stored before V7 lack, oldest first, one transaction each, so that no donor's
     * look-up pays for building one; answers how many were built. Safe beside other replicas (a tree already written
     * is kept: ON CONFLICT DO NOTHING).
     */
    public int backfill() {
        List<Long> missing = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT d.head_sequence FROM ledger_digest d "
                        + "LEFT JOIN ledger_digest_tree t ON t.head_sequence = d.head_sequence "
                        + "WHERE t.head_sequence IS NULL ORDER BY d.head_sequence");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                missing.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("digest trees to build", e);
        }
        for (long head : missing) {
            trees.put(head, buildOld(head));
        }
        return missing.size();
    }

    /** The tree of a digest stored before trees were (or whose tree another replica is writing right now). */
    private Tree buildOld(long head) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                long from;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT coalesce(max(head_sequence), 0) + 1 FROM ledger_digest WHERE head_sequence < ?")) {
                    ps.setLong(1, head);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        from = rs.getLong(1);
                    }
                }
                build(c, from, head);
                return load(c, head).orElseThrow();
            }
        });
    }
}
