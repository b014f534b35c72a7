package org.yimeng.volunteer.scope;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Where a community or grid lies, for resolving a scoped token. A community's county and a grid's community are
 * set when they are created and never change (the service neither moves nor deletes places), so a place once found
 * is remembered for the life of the process: the lookup was one database round trip on every COMMUNITY_ADMIN and
 * GRID_WORKER request. A place not found is not remembered, so one created later is seen at once.
 */
@ApplicationScoped
public class PlaceIndex {
    /** A grid's county and community. */
    public record GridPlace(String countyCode, UUID communityId) {
    }

    private final Map<UUID, String> countyOfCommunity = new ConcurrentHashMap<>();
    private final Map<UUID, GridPlace> placeOfGrid = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    public Optional<String> countyOf(UUID community) {
        String county = countyOfCommunity.get(community);
        if (county == null) {
            List<?> rows = em.createNativeQuery("SELECT county_code FROM community WHERE id = ?1")
                    .setParameter(1, community).getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            county = (String) rows.get(0);
            countyOfCommunity.put(community, county);
        }
        return Optional.of(county);
    }

    public Optional<GridPlace> placeOf(UUID grid) {
        GridPlace place = placeOfGrid.get(grid);
        if (place == null) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                    "SELECT c.county_code, c.id FROM grid g JOIN community c ON c.id = g.community_id WHERE g.id = ?1")
                    .setParameter(1, grid).getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            place = new GridPlace((String) rows.get(0)[0], (UUID) rows.get(0)[1]);
            placeOfGrid.put(grid, place);
        }
        return Optional.of(place);
    }
}
