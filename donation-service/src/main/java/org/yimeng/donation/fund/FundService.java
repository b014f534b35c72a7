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
import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.donation.ledger.ProgrammeZone;
import org.yimeng.donation.site.PublicFunds;
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

    @Inject
    PublicFunds funds;

    public FundReport report(UUID communityId) {
        registry.find(communityId).orElseThrow(() -> ApiException.notFound("Community", communityId));
        Instant asOf = ChainHash.truncate(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            // the totals are the piggy-bank page's (PublicFunds, kept up to date entry by entry): one meaning of in and
            // out everywhere (api.md "Settled details"), and the same figures on the page and in this report
            PublicFunds.Figures f = funds.of(communityId);
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
            return new FundReport(communityId, f.donatedFen(), f.donationCount(), f.spentFen(), f.correctionsFen(),
                    f.balanceFen(), spending,
                    ChainHash.instant(asOf));
        } catch (SQLException e) {
            throw new IllegalStateException("fund report", e);
        }
    }
}
