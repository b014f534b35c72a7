package org.yimeng.volunteer.scope;

import java.util.UUID;

/**
 * What one caller may reach, resolved from the token: the whole city, one county, one community, one grid, or only
 * their own volunteer record. Scoped levels carry the places above them (a grid worker's community and county) so
 * that a check never needs another query.
 */
public record Access(Level level, String countyCode, UUID communityId, UUID gridId, UUID volunteerId) {

    public enum Level {
        CITY, COUNTY, COMMUNITY, GRID, VOLUNTEER, NONE
    }

    public static final Access CITY = new Access(Level.CITY, null, null, null, null);
    public static final Access NONE = new Access(Level.NONE, null, null, null, null);

    /** Whether the caller may see and act on a record (or an area) at this place. */
    public boolean allows(Place place) {
        return switch (level) {
            case CITY -> true;
            case COUNTY -> countyCode.equals(place.countyCode());
            case COMMUNITY -> communityId.equals(place.communityId());
            case GRID -> gridId.equals(place.gridId());
            case VOLUNTEER, NONE -> false;
        };
    }

    /**
     * Whether the caller may see a community itself (not everything in it): a grid worker sees the community of
     * their grid.
     */
    public boolean allowsCommunity(String county, UUID community) {
        return switch (level) {
            case CITY -> true;
            case COUNTY -> countyCode.equals(county);
            case COMMUNITY, GRID -> communityId.equals(community);
            case VOLUNTEER, NONE -> false;
        };
    }

    public boolean isVolunteer(UUID id) {
        return level == Level.VOLUNTEER && volunteerId.equals(id);
    }
}
