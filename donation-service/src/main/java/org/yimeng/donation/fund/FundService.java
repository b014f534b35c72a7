package org.yimeng.donation.fund;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.yimeng.donation.community.CommunityRegistry;
import org.yimeng.donation.ledger.Account;
import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.donation.ledger.ProgrammeZone;
import org.yimeng.kit.error.ApiException;

/** Builds the public fund report from the ledger alone: the donor table is never read. */
@ApplicationScoped
public class FundService {
    static final int MAX_SPENDING_ITEMS = 500;

    @Inject
    DataSource dataSource;

    @Inject
    CommunityRegistry registry;

    @Inject
    ProgrammeZone programmeZone;

    public FundReport report(UUID communityId) {
        registry.find(communityId).orElseThrow(() -> ApiException.notFound("Community", communityId));
        Instant asOf = ChainHash.truncate(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            long donated;
            long count;
            long spent;
            long corrections;
            // One meaning of in and out everywhere (api.md "Settled details", docs/donation-service.md): donations,
            // disbursements, and the reversals on a line of their own, signed as they move the fund (a reversed
            // donation takes money out of it, a reversed disbursement puts it back). One index-only pass over
            // ledger_entry_community_occurred_cover (type, amount and credit account are in it).
            String fund = Account.fund(communityId).format();
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "coalesce(sum(amount_fen) FILTER (WHERE type = 'DONATION'), 0), "
                    + "count(*) FILTER (WHERE type = 'DONATION'), "
                    + "coalesce(sum(amount_fen) FILTER (WHERE type = 'DISBURSEMENT'), 0), "
                    + "coalesce(sum(CASE WHEN credit_account = ? THEN amount_fen ELSE -amount_fen END) "
                    + "FILTER (WHERE type = 'REVERSAL'), 0) "
                    + "FROM ledger_entry WHERE community_id = ?")) {
                ps.setString(1, fund);
                ps.setObject(2, communityId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    donated = rs.getLong(1);
                    count = rs.getLong(2);
                    spent = rs.getLong(3);
                    corrections = rs.getLong(4);
                }
            }
            long balance = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT balance_fen FROM account_balance WHERE account = ?")) {
                ps.setString(1, fund);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        balance = rs.getLong(1);
                    }
                }
            }
            List<FundReport.Spending> spending = new ArrayList<>();
            // every disbursement is listed (a reversed one flagged), so the list adds up to spentFen; found in the index (a few in a hundred of its entries), then read
            try (PreparedStatement ps = c.prepareStatement("WITH paid AS MATERIALIZED (SELECT sequence FROM ledger_entry "
                    + "WHERE community_id = ? AND type = 'DISBURSEMENT') "
                    + "SELECT d.activity_id, d.purpose, e.amount_fen, e.occurred_at, "
                    + "EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reversal_of = e.entry_id) FROM paid "
                    + "JOIN ledger_entry e ON e.sequence = paid.sequence JOIN disbursement d ON d.entry_id = e.entry_id "
                    + "ORDER BY e.sequence DESC LIMIT " + MAX_SPENDING_ITEMS)) {
                ps.setObject(1, communityId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        spending.add(new FundReport.Spending(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                                rs.getObject(4, OffsetDateTime.class).atZoneSameInstant(programmeZone.zone()).toLocalDate(),
                                rs.getBoolean(5)));
                    }
                }
            }
            return new FundReport(communityId, donated, count, spent, corrections, balance, spending,
                    ChainHash.instant(asOf));
        } catch (SQLException e) {
            throw new IllegalStateException("fund report", e);
        }
    }
}
