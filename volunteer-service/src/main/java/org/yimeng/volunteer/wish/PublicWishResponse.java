package org.yimeng.volunteer.wish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A wish as anyone may see it: what is wished and where (county, community), never which household — no
 * household id, name, address, phone, grid or category.
 */
public record PublicWishResponse(UUID id, String countyCode, UUID communityId, String communityName, String title,
        String description, @Schema(nullable = true) Long estimatedCostFen, WishStatus status, boolean claimed, @Schema(nullable = true) LocalDate fulfilledOn,
        Instant createdAt) {
}
