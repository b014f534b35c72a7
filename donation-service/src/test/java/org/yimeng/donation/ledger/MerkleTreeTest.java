package org.yimeng.donation.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    /** The certificate-transparency reference leaves and the roots of their first 1..8 (RFC 6962/9162 test data). */
    private static final byte[][] CT_LEAVES = { {}, { 0x00 }, { 0x10 }, { 0x20, 0x21 }, { 0x30, 0x31 },
            { 0x40, 0x41, 0x42, 0x43 }, { 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57 },
            { 0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f } };
    private static final String[] CT_ROOTS = { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" };

    @Test
    void rootsMatchTheCertificateTransparencyReferenceVectors() {
        List<byte[]> leaves = new ArrayList<>();
        for (int n = 1; n <= CT_LEAVES.length; n++) {
            leaves.add(MerkleTree.leafHash(CT_LEAVES[n - 1]));
            assertEquals(CT_ROOTS[n - 1], MerkleTree.hex(MerkleTree.root(leaves)), "tree of " + n);
        }
    }

    @Test
    void everyPathOfEveryTreeUpToFortyLeavesVerifiesAndNoOtherLeafDoes() {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = leaves(n, n);
            byte[] root = MerkleTree.root(leaves);
            for (int i = 0; i < n; i++) {
                List<byte[]> path = MerkleTree.path(leaves, i);
                assertTrue(MerkleTree.verify(i, n, leaves.get(i), path, root), n + "/" + i);
                if (n > 1) {
                    assertFalse(MerkleTree.verify(i, n, leaves.get((i + 1) % n), path, root), "other leaf " + n + "/" + i);
                    assertFalse(MerkleTree.verify((i + 1) % n, n, leaves.get(i), path, root), "wrong index " + n + "/" + i);
                }
            }
        }
    }

    @Test
    void aProofFromChunksIsTheSameAsTheProofFromAllLeaves() {
        Random random = new Random(17);
        for (int n : new int[] { 1, 127, 128, 129, 255, 256, 257, 300, 1000, 10_000, 10_001 }) {
            List<byte[]> leaves = leaves(n, 99);
            List<byte[]> chunkRoots = MerkleTree.chunkRoots(leaves);
            byte[] root = MerkleTree.root(leaves);
            assertArrayEquals(root, MerkleTree.root(chunkRoots), "root of " + n);
            for (int t = 0; t < 20; t++) {
                int i = t == 0 ? n - 1 : random.nextInt(n);
                int from = i / MerkleTree.CHUNK * MerkleTree.CHUNK;
                List<byte[]> chunk = leaves.subList(from, Math.min(from + MerkleTree.CHUNK, n));
                MerkleTree.Proof proof = MerkleTree.proof(i, n, chunk, chunkRoots);
                List<byte[]> expected = MerkleTree.path(leaves, i);
                assertEquals(expected.size(), proof.path().size(), n + "/" + i);
                for (int p = 0; p < expected.size(); p++) {
                    assertArrayEquals(expected.get(p), proof.path().get(p), n + "/" + i + " step " + p);
                }
                assertTrue(MerkleTree.verify(i, n, leaves.get(i), proof.path(), root));
            }
        }
    }

    @Test
    void aPathWithOneByteChangedFailsVerification() {
        List<byte[]> leaves = leaves(1000, 5);
        byte[] root = MerkleTree.root(leaves);
        List<byte[]> path = new ArrayList<>(MerkleTree.path(leaves, 417));
        byte[] changed = path.get(3).clone();
        changed[0] ^= 1;
        path.set(3, changed);
        assertFalse(MerkleTree.verify(417, 1000, leaves.get(417), path, root));
        assertFalse(MerkleTree.verify(417, 1000, leaves.get(417), path.subList(0, path.size() - 1), root), "short path");
    }

    private static List<byte[]> leaves(int n, int seed) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(MerkleTree.leafHash(ChainHash.sha256Hex(seed + "|" + i).getBytes()));
        }
        return out;
    }
}
