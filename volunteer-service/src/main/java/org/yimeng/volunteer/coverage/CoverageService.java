package org.yimeng.volunteer.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.yimeng.kit.error.ApiException;
import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.place.County;
import org.yimeng.volunteer.place.Grid;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.ReadTx;

/**
 * The "一网帮尽" view, computed by the database: one GROUP BY grid over the area's households (an index-only scan
 * of county, grid, first survey date and active pairing), a count of the area's ACTIVE pairings from the pairing
 * table to cross-check it, and the first unpaired ids. Nothing is loaded row by row (see CoverageBench for the figures).
 */
@ApplicationScoped
@Transactional // one read transaction (see ReadTx)
public class CoverageService {
    public static final int MAX_UNPAIRED_IDS = 1000;

    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @SuppressWarnings("unchecked")
    public CoverageResponse coverage(String countyCode, UUID communityId, UUID gridId) {
        ReadTx.readOnly(em);
        int given = (countyCode != null ? 1 : 0) + (communityId != null ? 1 : 0) + (gridId != null ? 1 : 0);
        if (given != 1) {
            throw ApiException.invalid("countyCode", "give exactly one of countyCode, communityId, gridId").detail("oneScope");
        }
        String column;
        Object key;
        String gridFilter;
        if (countyCode != null) {
            if (County.findById(countyCode) == null) {
                throw ApiException.notFound("County", countyCode);
            }
            scope.require(Place.county(countyCode));
            column = "county_code";
            key = countyCode;
            gridFilter = "c.county_code = ?1";
        } else if (communityId != null) {
            Community c = Community.findById(communityId);
            if (c == null) {
                throw ApiException.notFound("Community", communityId);
            }
            scope.require(Place.community(c.countyCode, c.id));
            column = "community_id";
            key = communityId;
            gridFilter = "g.community_id = ?1";
        } else {
            Grid g = Grid.findById(gridId);
            if (g == null) {
                throw ApiException.notFound("Grid", gridId);
            }
            Community c = Community.findById(g.communityId);
            scope.require(new Place(c.countyCode, c.id, g.id));
            column = "grid_id";
            key = gridId;
            gridFilter = "g.id = ?1";
        }

        // per grid, from the household index alone (county, grid, first survey date, active pairing)
        List<Object[]> buckets = em.createNativeQuery("SELECT h.grid_id, count(*), count(h.first_surveyed_on), "
                + "count(h.active_pairing_id) FROM household h WHERE h." + column + " = ?1 GROUP BY h.grid_id")
                .setParameter(1, key).getResultList();
        // every grid of the area, also those without households yet
        List<Object[]> grids = em.createNativeQuery("SELECT g.id, g.community_id, g.name FROM grid g "
                + "JOIN community c ON c.id = g.community_id WHERE " + gridFilter).setParameter(1, key).getResultList();
        // cross-check from the pairings themselves: ACTIVE pairings of the area, to set against the paired households
        String pairingsOfArea = switch (column) {
            case "county_code" -> "FROM pairing p JOIN community c ON c.id = p.community_id WHERE c.county_code = ?1";
            case "community_id" -> "FROM pairing p WHERE p.community_id = ?1";
            default -> "FROM pairing p JOIN household h ON h.id = p.household_id WHERE h.grid_id = ?1";
        };
        long activePairings = ((Number) em.createNativeQuery("SELECT count(*) " + pairingsOfArea
                + " AND p.status = 'ACTIVE'").setParameter(1, key).getSingleResult()).longValue();
        List<UUID> unpairedIds = em.createNativeQuery("SELECT h.id FROM household h WHERE h." + column + " = ?1 "
                + "AND h.active_pairing_id IS NULL ORDER BY h.id LIMIT " + (MAX_UNPAIRED_IDS + 1))
                .setParameter(1, key).getResultList();

        Map<UUID, long[]> byGrid = new HashMap<>();
        long[] none = null;
        for (Object[] b : buckets) {
            long[] counts = {((Number) b[1]).longValue(), ((Number) b[2]).longValue(), ((Number) b[3]).longValue()};
            if (b[0] == null) {
                none = counts;
            } else {
                byGrid.put((UUID) b[0], counts);
            }
        }
        long households = 0;
        long surveyed = 0;
        long paired = 0;
        List<CoverageResponse.GridCoverage> rows = new ArrayList<>();
        for (Object[] g : grids) {
            long[] c = byGrid.getOrDefault((UUID) g[0], new long[3]);
            rows.add(grid((UUID) g[0], (UUID) g[1], (String) g[2], c));
        }
        rows.sort(Comparator.comparing(CoverageResponse.GridCoverage::name).thenComparing(r -> r.gridId().toString()));
        if (none != null) {
            rows.add(grid(null, communityId, null, none));
        }
        for (CoverageResponse.GridCoverage r : rows) {
            households += r.households();
            surveyed += r.surveyed();
            paired += r.paired();
        }
        // more ACTIVE pairings than paired households means some household has two: the unique index keeps this at
        // 0, so anything else reveals data changed behind the service's back
        long duplicates = Math.max(0, activePairings - paired);
        boolean truncated = unpairedIds.size() > MAX_UNPAIRED_IDS;
        return new CoverageResponse(countyCode, communityId, gridId, households, surveyed, paired, households - paired,
                ratio(paired, households), duplicates, truncated ? unpairedIds.subList(0, MAX_UNPAIRED_IDS) : unpairedIds,
                truncated, rows);
    }

    private static CoverageResponse.GridCoverage grid(UUID id, UUID community, String name, long[] c) {
        return new CoverageResponse.GridCoverage(id, community, name, c[0], c[1], c[2], c[0] - c[2], ratio(c[2], c[0]));
    }

    /** paired ÷ households, four decimals; 0 for an area without households. */
    static double ratio(long paired, long households) {
        return households == 0 ? 0.0 : Math.round(paired * 10000.0 / households) / 10000.0;
    }
}
