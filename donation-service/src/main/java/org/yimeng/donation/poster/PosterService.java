package org.yimeng.donation.poster;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.yimeng.donation.community.Community;
import org.yimeng.donation.community.CommunityRegistry;
import org.yimeng.donation.piggybank.PiggyBank;
import org.yimeng.donation.scope.Scope;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;

/**
 * The facts of one piggy-bank's poster, for the callers who may read that piggy-bank: the same rule as the
 * piggy-bank list (AUDITOR, FINANCE, CITY_ADMIN and COLLECTOR everywhere, COUNTY_ADMIN in its county, COMMUNITY_ADMIN
 * in its community). 404 for an unknown box, then 403 outside the scope, then 422 for a retired one: a poster
 * inviting gifts to a box that refuses them would mislead.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PosterService {
    @Inject
    CommunityRegistry registry;

    @Inject
    Scope scope;

    @Inject
    PosterSettings settings;

    public PosterFacts facts(UUID piggyBankId) {
        Scope.Filter filter = scope.listFilter();
        PiggyBank p = PiggyBank.<PiggyBank>findByIdOptional(piggyBankId)
                .orElseThrow(() -> ApiException.notFound("Piggy-bank", piggyBankId));
        // the ledger knows every piggy-bank's community: a box is only created for a registered one
        Community c = registry.find(p.communityId).orElseThrow();
        boolean inScope = (filter.communityId() == null || filter.communityId().equals(c.id))
                && (filter.countyCode() == null || filter.countyCode().equals(c.countyCode));
        if (!inScope) {
            throw ApiException.forbidden("Piggy-bank " + p.id + " is outside your scope");
        }
        if (!PiggyBank.ACTIVE.equals(p.status)) {
            throw new ApiException(ErrorCode.PIGGY_BANK_RETIRED, "Piggy-bank " + p.code + " is retired")
                    .detail("code", p.code);
        }
        return new PosterFacts(c.name, p.code, p.label, p.place, settings.info());
    }
}
