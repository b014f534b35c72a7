package org.yimeng.volunteer.scope;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.Role;
import org.yimeng.volunteer.me.CurrentVolunteer;
import org.yimeng.volunteer.support.Where;

/**
 * The access rule of domain.md for every resource: GRID_WORKER their grid, COMMUNITY_ADMIN their community,
 * COUNTY_ADMIN their county, CITY_ADMIN everything, VOLUNTEER (and a RESIDENT whose sub is linked) their own record. Single records outside the scope
 * answer 403; lists are narrowed to the scope.
 */
@RequestScoped
public class Scope {
    @Inject
    Caller caller;

    @Inject
    PlaceIndex places;

    @Inject
    CurrentVolunteer current;

    private Access access;

    public Access access() {
        if (access == null) {
            access = resolve();
        }
        return access;
    }

    /**
     * Acts with an access resolved earlier, from the token of the request that started a background job (an
     * import), so that the services check the same scope on the job's thread as they would in the request.
     */
    public void assume(Access resolved) {
        access = resolved;
    }

    /** 403 unless the caller's scope covers the place. */
    public void require(Place place) {
        if (!access().allows(place)) {
            throw ApiException.forbidden("Outside your scope");
        }
    }

    /** 403 unless the caller may see the community itself (see {@link Access#allowsCommunity}). */
    public void requireCommunity(String countyCode, UUID communityId) {
        if (!access().allowsCommunity(countyCode, communityId)) {
            throw ApiException.forbidden("Outside your scope");
        }
    }

    /**
     * Narrows a list query to the caller's scope, given the columns (or JPQL paths) that hold county, community
     * and grid; a caller without a place scope sees nothing.
     */
    public void restrict(Where where, String countyColumn, String communityColumn, String gridColumn) {
        Access a = access();
        switch (a.level()) {
            case CITY -> {
            }
            case COUNTY -> where.and(countyColumn + " = :scopeCounty", "scopeCounty", a.countyCode());
            case COMMUNITY -> where.and(communityColumn + " = :scopeCommunity", "scopeCommunity", a.communityId());
            case GRID -> where.and(gridColumn + " = :scopeGrid", "scopeGrid", a.gridId());
            default -> throw ApiException.forbidden("Your role may not list these records");
        }
    }

    private Access resolve() {
        // the broadest role wins when a token carries several
        if (caller.is(Role.CITY_ADMIN)) {
            return Access.CITY;
        }
        if (caller.is(Role.COUNTY_ADMIN)) {
            return new Access(Access.Level.COUNTY, caller.requireCounty(), null, null, null);
        }
        if (caller.is(Role.COMMUNITY_ADMIN)) {
            UUID community = caller.requireCommunity();
            return places.countyOf(community)
                    .map(county -> new Access(Access.Level.COMMUNITY, county, community, null, null)).orElse(Access.NONE);
        }
        if (caller.is(Role.GRID_WORKER)) {
            UUID grid = caller.requireGrid();
            return places.placeOf(grid)
                    .map(p -> new Access(Access.Level.GRID, p.countyCode(), p.communityId(), grid, null)).orElse(Access.NONE);
        }
        if (caller.isAny(Role.VOLUNTEER, Role.RESIDENT)) {
            // the volunteer claim, or the record linked to the token's sub (a resident who registered)
            return current.find().map(id -> new Access(Access.Level.VOLUNTEER, null, null, null, id))
                    .orElse(Access.NONE);
        }
        return Access.NONE;
    }
}
