package org.yimeng.volunteer.scope;

import java.util.UUID;

/**
 * Where a record or an area sits: county, community, grid. A county-wide area has no community; a community-wide
 * area or a household without grid has no grid.
 */
public record Place(String countyCode, UUID communityId, UUID gridId) {

    public static Place county(String countyCode) {
        return new Place(countyCode, null, null);
    }

    public static Place community(String countyCode, UUID communityId) {
        return new Place(countyCode, communityId, null);
    }
}
