package org.yimeng.donation.piggybank;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.yimeng.donation.community.Community;
import org.yimeng.donation.community.CommunityRegistry;
import org.yimeng.donation.ledger.ChainHash;
import org.yimeng.donation.piggybank.PiggyBankDtos.CreatePiggyBank;
import org.yimeng.donation.piggybank.PiggyBankDtos.PiggyBankView;
import org.yimeng.donation.scope.Scope;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;

import io.quarkus.panache.common.Parameters;

/** Piggy-banks: created for a community the ledger knows, listed by scope, retired (never deleted). */
@ApplicationScoped
@Transactional
public class PiggyBankService {
    @Inject
    CommunityRegistry registry;

    @Inject
    Scope scope;

    public PiggyBankView create(CreatePiggyBank request) {
        Community community = registry.find(request.communityId()).orElseThrow(() -> new ApiException(
                ErrorCode.UNKNOWN_COMMUNITY, "Community " + request.communityId() + " has not reached the ledger yet"));
        scope.checkManage(community);
        PiggyBank p = new PiggyBank();
        p.id = Ids.newId();
        p.communityId = community.id;
        p.label = request.label().strip();
        p.place = request.place().strip();
        p.status = PiggyBank.ACTIVE;
        // PostgreSQL keeps microseconds: the create answer must show what every later read shows
        p.createdAt = ChainHash.truncate(Instant.now());
        // 10^12 codes: a collision is rare; look before taking one rather than failing the transaction
        do {
            p.code = PiggyBankCodes.next();
        } while (PiggyBank.count("code", p.code) > 0);
        p.persist();
        PiggyBank.flush();
        return PiggyBankView.of(p);
    }

    public PiggyBankView retire(UUID id) {
        PiggyBank p = PiggyBank.<PiggyBank>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Piggy-bank", id));
        scope.checkManage(registry.find(p.communityId).orElseThrow());
        if (PiggyBank.ACTIVE.equals(p.status)) {
            p.status = PiggyBank.RETIRED;
            p.retiredAt = ChainHash.truncate(Instant.now());
        }
        return PiggyBankView.of(p);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PiggyBankView> list(UUID communityId, Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        UUID after = Cursor.decodeId(cursor);
        Scope.Filter filter = scope.listFilter();
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (communityId != null) {
            q.append(" and communityId = :community");
            params.and("community", communityId);
        }
        if (filter.communityId() != null) {
            q.append(" and communityId = :scopeCommunity");
            params.and("scopeCommunity", filter.communityId());
        }
        if (filter.countyCode() != null) {
            q.append(" and communityId in (select c.id from Community c where c.countyCode = :county)");
            params.and("county", filter.countyCode());
        }
        if (after != null) {
            q.append(" and id > :after");
            params.and("after", after);
        }
        List<PiggyBank> rows = PiggyBank.<PiggyBank>find(q + " order by id", params).range(0, n).list();
        return Page.of(rows, n, PiggyBankView::of, p -> Cursor.encodeId(p.id));
    }
}
