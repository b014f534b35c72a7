package org.yimeng.donation.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.yimeng.donation.community.CommunityRegistry;
import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.donation.ledger.DigestTrees;
import org.yimeng.donation.ledger.MerkleTree;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/**
 * A donor's own check of a gift: the entry of a receipt number, every field of its chain line, and the RFC 9162 audit
 * path to the root of its digest period (docs/ledger-hash.md, "Gift proofs"). Reads the ledger and the donation's
 * channel, never the donor table.
 */
@ApplicationScoped
public class Receipts {
    /** Receipt numbers as the writer makes them (AP-year-number); anything else cannot exist and is not looked up. */
    private static final Pattern RECEIPT_NO = Pattern.compile("AP-\\d{4}-\\d{6,12}");
    public static final String INCLUDED = "INCLUDED";
    public static final String PENDING = "PENDING";

    @Inject
    DataSource dataSource;

    @Inject
    DigestTrees trees;

    @Inject
    CommunityRegistry communities;

    @Schema(description = "A gift as the public may check it: no donor details. type … prevHash are the other fields of "
            + "the entry's chain line (docs/ledger-hash.md), so that the hash can be recomputed; proofStatus is "
            + "INCLUDED with a proof, or PENDING (proof null) until the next digest covers the entry (at most one digest "
            + "interval: 5 minutes or 10,000 entries)")
    public record ReceiptView(String receiptNo, long amountFen, String occurredAt, String channel, UUID communityId,
            @Schema(nullable = true) String communityName, long sequence, UUID entryId, String hash, String type,
            String debitAccount, String creditAccount, String recordedAt,
            @Schema(nullable = true, description = "always null: a receipt is a DONATION entry") String reversalOf,
            String prevHash,
            @Schema(description = "the gift was later reversed (returned or corrected); the entry stays in the chain")
            boolean reversed,
            @Schema(enumeration = { INCLUDED, PENDING }) String proofStatus,
            @Schema(nullable = true) ProofView proof) {
    }

    @Schema(description = "RFC 9162 inclusion proof: leaf = SHA-256(0x00 || entry hash bytes), node = SHA-256(0x01 || "
            + "left || right); leafIndex = sequence - digest.fromSequence, treeSize = the period's entries; path from the "
            + "leaf up; root is the digest's merkleRoot")
    public record ProofView(String algorithm, long leafIndex, long treeSize, List<String> path, String root,
            DigestView digest) {
    }

    @Schema(description = "The published LedgerDigest (ledger.digests.v1) whose period holds the entry")
    public record DigestView(long fromSequence, long headSequence, String headHash, String at, String merkleRoot) {
    }

    public ReceiptView find(String receiptNo) {
        return lookUp(receiptNo).orElseThrow(() -> notFound(receiptNo));
    }

    public Optional<ReceiptView> lookUp(String receiptNo) {
        if (receiptNo == null || !RECEIPT_NO.matcher(receiptNo).matches()) {
            return Optional.empty();
        }
        ReceiptView found;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT e.sequence, e.entry_id, e.type, e.community_id, "
                        + "e.debit_account, e.credit_account, e.amount_fen, e.occurred_at, e.recorded_at, e.prev_hash, "
                        + "e.hash, d.channel, EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reversal_of = e.entry_id) "
                        + "FROM donation d JOIN ledger_entry e ON e.entry_id = d.entry_id WHERE d.receipt_no = ?")) {
            ps.setString(1, receiptNo);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UUID communityId = rs.getObject(4, UUID.class);
                found = new ReceiptView(receiptNo, rs.getLong(7),
                        ChainHash.instant(rs.getObject(8, OffsetDateTime.class).toInstant()), rs.getString(12),
                        communityId, communities.find(communityId).map(x -> x.name).orElse(null), rs.getLong(1),
                        rs.getObject(2, UUID.class), rs.getString(11), rs.getString(3), rs.getString(5), rs.getString(6),
                        ChainHash.instant(rs.getObject(9, OffsetDateTime.class).toInstant()), null, rs.getString(10),
                        rs.getBoolean(13), PENDING, null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("receipt look-up", e);
        }
        return Optional.of(trees.prove(found.sequence()).map(inclusion -> withProof(found, inclusion)).orElse(found));
    }

    private static ReceiptView withProof(ReceiptView r, DigestTrees.Inclusion inclusion) {
        DigestTrees.Period period = inclusion.period();
        String root = MerkleTree.hex(period.tree().root());
        ProofView proof = new ProofView("RFC9162-SHA256", inclusion.proof().leafIndex(), inclusion.proof().treeSize(),
                inclusion.proof().path().stream().map(MerkleTree::hex).toList(), root,
                new DigestView(period.tree().fromSequence(), period.headSequence(), period.headHash(),
                        ChainHash.instant(period.at()), root));
        return new ReceiptView(r.receiptNo(), r.amountFen(), r.occurredAt(), r.channel(), r.communityId(),
                r.communityName(), r.sequence(), r.entryId(), r.hash(), r.type(), r.debitAccount(), r.creditAccount(),
                r.recordedAt(), r.reversalOf(), r.prevHash(), r.reversed(), INCLUDED, proof);
    }

    static ApiException notFound(String receiptNo) {
        return new ApiException(ErrorCode.RECEIPT_NOT_FOUND, "No donation has receipt number " + receiptNo);
    }
}
