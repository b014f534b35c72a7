package org.yimeng.volunteer.coverage;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * "一网帮尽" for a county, community or grid: how many households in difficulty are surveyed and paired, which are
 * not, and whether any has two active pairings (must be 0). {@code unpairedHouseholdIds} lists at most
 * {@value CoverageService#MAX_UNPAIRED_IDS} ids (oldest first); {@code unpairedHouseholdIdsTruncated} says when
 * there are more. Households without a grid are counted in a grid entry with {@code gridId} null.
 */
public record CoverageResponse(@Schema(nullable = true) String countyCode, @Schema(nullable = true) UUID communityId, @Schema(nullable = true) UUID gridId, long households, long surveyed,
        long paired, long unpaired, double coverageRatio, long duplicateActivePairings, List<UUID> unpairedHouseholdIds,
        boolean unpairedHouseholdIdsTruncated, List<GridCoverage> grids) {

    /** One grid's figures. */
    public record GridCoverage(@Schema(nullable = true) UUID gridId, UUID communityId, @Schema(nullable = true) String name, long households, long surveyed, long paired,
            long unpaired, double coverageRatio) {
    }
}
