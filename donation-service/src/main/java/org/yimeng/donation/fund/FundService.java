package org.yimeng.donation.fund;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.yimeng.donation.community.CommunityRegistry;
import org.yimeng.donation.ledger.Accounts;
import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.kit.error.ApiException;

/** Builds the public fund report from the ledger alone: the donor table is never read. */
@ApplicationScoped
public class FundService {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final int MAX_SPENDING_ITEMS = 500;

    @Inject
    DataSource dataSource;

    @Inject
    CommunityRegistry registry;

    public FundReport report(UUID communityId) {
        registry.find(communityId).orElseThrow(() -> ApiException.notFound("Community", communityId));
        Instant asOf = ChainHash.truncate(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            long donated;
            long count;
            long spent;
            // an entry that was reversed counts for nothing; the reversal itself is not listed either
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "coalesce(sum(e.amount_fen) FILTER (WHERE e.type = 'DONATION'), 0), "
                    + "count(*) FILTER (WHERE e.type = 'DONATION'), "
                    + "coalesce(sum(e.amount_fen) FILTER (WHERE e.type = 'DISBURSEMENT'), 0) "
                    + "FROM ledger_entry e WHERE e.community_id = ? AND e.type <> 'REVERSAL' "
                    + "AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reversal_of = e.entry_id)")) {
                ps.setObject(1, communityId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    donated = rs.getLong(1);
                    count = rs.getLong(2);
                    spent = rs.getLong(3);
                }
            }
            long balance = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT balance_fen FROM account_balance WHERE account = ?")) {
                ps.setString(1, Accounts.fund(communityId));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        balance = rs.getLong(1);
                    }
                }
            }
            List<FundReport.Spending> spending = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.activity_id, d.purpose, e.amount_fen, e.occurred_at "
                    + "FROM ledger_entry e JOIN disbursement d ON d.entry_id = e.entry_id WHERE e.community_id = ? "
                    + "AND e.type = 'DISBURSEMENT' AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reversal_of = e.entry_id) "
                    + "ORDER BY e.sequence DESC LIMIT " + MAX_SPENDING_ITEMS)) {
                ps.setObject(1, communityId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        spending.add(new FundReport.Spending(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                                rs.getObject(4, OffsetDateTime.class).atZoneSameInstant(SHANGHAI).toLocalDate()));
                    }
                }
            }
            return new FundReport(communityId, donated, count, spent, balance, spending, ChainHash.instant(asOf));
        } catch (SQLException e) {
            throw new IllegalStateException("fund report", e);
        }
    }
}
