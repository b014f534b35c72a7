package org.yimeng.donation.scope;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.yimeng.donation.community.Community;
import org.yimeng.donation.community.CommunityRegistry;
import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.Role;

/**
 * Who may see or manage which community (api.md): AUDITOR, FINANCE and CITY_ADMIN read the whole ledger;
 * COUNTY_ADMIN reads and manages the communities of its county (the county comes from the registry), COMMUNITY_ADMIN
 * its own community.
 */
@RequestScoped
public class Scope {
    @Inject
    Caller caller;

    @Inject
    CommunityRegistry registry;

    /** What a list may show: everything, one county, or one community. */
    public record Filter(String countyCode, UUID communityId) {
        public static final Filter ALL = new Filter(null, null);
    }

    /** 403 unless the caller may read this community's ledger; 404 when the ledger does not know the community. */
    public Community checkRead(UUID communityId) {
        Community community = registry.find(communityId)
                .orElseThrow(() -> ApiException.notFound("Community", communityId));
        if (caller.isAny(Role.AUDITOR, Role.FINANCE, Role.CITY_ADMIN)) {
            return community;
        }
        checkScoped(community);
        return community;
    }

    /** 403 unless the caller may manage piggy-banks of this (known) community. */
    public void checkManage(Community community) {
        if (caller.is(Role.CITY_ADMIN)) {
            return;
        }
        checkScoped(community);
    }

    /** The rows a list may show to this caller. */
    public Filter listFilter() {
        if (caller.isAny(Role.AUDITOR, Role.FINANCE, Role.CITY_ADMIN, Role.COLLECTOR)) {
            return Filter.ALL;
        }
        if (caller.is(Role.COUNTY_ADMIN)) {
            return new Filter(caller.requireCounty(), null);
        }
        if (caller.is(Role.COMMUNITY_ADMIN)) {
            return new Filter(null, caller.requireCommunity());
        }
        throw ApiException.forbidden("Your role may not read this");
    }

    public String subject() {
        return caller.subject();
    }

    private void checkScoped(Community community) {
        if (caller.is(Role.COUNTY_ADMIN) && caller.requireCounty().equals(community.countyCode)) {
            return;
        }
        if (caller.is(Role.COMMUNITY_ADMIN) && caller.requireCommunity().equals(community.id)) {
            return;
        }
        throw ApiException.forbidden("Community " + community.id + " is outside your scope");
    }
}
