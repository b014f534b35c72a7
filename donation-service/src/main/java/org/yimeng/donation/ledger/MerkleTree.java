package org.yimeng.donation.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * RFC 9162 §2.1 Merkle trees over the entries of one digest period (docs/ledger-hash.md, "Gift proofs"). A leaf is the
 * entry's chain hash as 32 raw bytes; {@code leaf = SHA-256(0x00 || hash)}, {@code node = SHA-256(0x01 || left ||
 * right)}, and a range of n > 1 splits at the largest power of two below n.
 *
 * <p>A period's tree is kept as the roots of its aligned {@value #CHUNK}-leaf subtrees ("chunks"): every such subtree,
 * and the last short one, is a node of the RFC tree, so a proof is the path inside the entry's chunk (read from the
 * ledger, {@value #CHUNK} hashes) followed by the path among the chunk roots. Pure functions: no I/O.
 */
public final class MerkleTree {
    /** Leaves per stored subtree: a power of two. */
    public static final int CHUNK = 128;
    private static final HexFormat HEX = HexFormat.of();

    private MerkleTree() {
    }

    /** An audit path: sibling hashes from the leaf up. */
    public record Proof(long leafIndex, long treeSize, List<byte[]> path) {
    }

    public static byte[] leafHash(byte[] entryHash) {
        MessageDigest d = sha256();
        d.update((byte) 0);
        d.update(entryHash);
        return d.digest();
    }

    public static byte[] leafHashOfHex(String entryHashHex) {
        return leafHash(HEX.parseHex(entryHashHex));
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = sha256();
        d.update((byte) 1);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** The root over nodes that are already hashed (leaf hashes, or subtree roots of a power-of-two size). */
    public static byte[] root(List<byte[]> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a digest period has at least one entry");
        }
        return root(nodes, 0, nodes.size());
    }

    private static byte[] root(List<byte[]> nodes, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return nodes.get(from);
        }
        int k = split(n);
        return nodeHash(root(nodes, from, from + k), root(nodes, from + k, to));
    }

    /** RFC 9162 §2.1.3.1 PATH(m, D[n]) over already-hashed nodes, leaf side first. */
    public static List<byte[]> path(List<byte[]> nodes, int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException("index " + index + " outside " + nodes.size());
        }
        List<byte[]> out = new ArrayList<>();
        path(nodes, index, 0, nodes.size(), out);
        return out;
    }

    private static void path(List<byte[]> nodes, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(nodes, m, from, from + k, out);
            out.add(root(nodes, from + k, to));
        } else {
            path(nodes, m - k, from + k, to, out);
            out.add(root(nodes, from, from + k));
        }
    }

    /** The roots of the period's chunks, from the leaf hashes of its entries in sequence order. */
    public static List<byte[]> chunkRoots(List<byte[]> leafHashes) {
        List<byte[]> roots = new ArrayList<>((leafHashes.size() + CHUNK - 1) / CHUNK);
        for (int i = 0; i < leafHashes.size(); i += CHUNK) {
            roots.add(root(leafHashes, i, Math.min(i + CHUNK, leafHashes.size())));
        }
        return roots;
    }

    /**
     * The proof of leaf {@code index} of a tree of {@code treeSize} leaves from its chunk's leaf hashes and all chunk
     * roots: the path inside the chunk, then the path of the chunk among the chunk roots.
     */
    public static Proof proof(long index, long treeSize, List<byte[]> chunkLeaves, List<byte[]> chunkRoots) {
        int chunk = (int) (index / CHUNK);
        List<byte[]> path = new ArrayList<>(path(chunkLeaves, (int) (index % CHUNK)));
        path.addAll(path(chunkRoots, chunk));
        return new Proof(index, treeSize, path);
    }

    /** RFC 9162 §2.1.3.2: whether {@code path} proves {@code leafHash} at {@code index} in the tree with {@code root}. */
    public static boolean verify(long index, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** The largest power of two smaller than n (n > 1). */
    static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    public static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    public static byte[] unhex(String s) {
        return HEX.parseHex(s);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
