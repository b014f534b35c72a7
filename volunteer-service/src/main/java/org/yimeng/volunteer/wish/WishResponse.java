package org.yimeng.volunteer.wish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A wish as staff in scope see it, with its household. The public listing uses {@link PublicWishResponse}.
 */
public record WishResponse(UUID id, UUID householdId, String countyCode, UUID communityId, @Schema(nullable = true) UUID gridId, String title,
        String description, @Schema(nullable = true) Long estimatedCostFen, WishStatus status, @Schema(nullable = true) UUID claimantId, @Schema(nullable = true) Instant claimedAt,
        @Schema(nullable = true) LocalDate fulfilledOn, @Schema(nullable = true) String fulfilNote, @Schema(nullable = true) Integer fulfilMinutes, @Schema(nullable = true) String cancelReason, Instant createdAt,
        Instant updatedAt) {

    static WishResponse of(Wish w) {
        return new WishResponse(w.id, w.householdId, w.countyCode, w.communityId, w.gridId, w.title, w.description,
                w.estimatedCostFen, w.status, w.claimantId, w.claimedAt, w.fulfilledOn, w.fulfilNote, w.fulfilMinutes,
                w.cancelReason, w.createdAt, w.updatedAt);
    }
}
