package org.yimeng.volunteer.wish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A wish as anyone may see it: what is wished and where (county, community), never which household — no
 * household id, name, address, phone, grid or category.
 */
public record PublicWishResponse(UUID id, String countyCode, UUID communityId, String communityName, String title,
        String description, Long estimatedCostFen, WishStatus status, boolean claimed, LocalDate fulfilledOn,
        Instant createdAt) {
}
