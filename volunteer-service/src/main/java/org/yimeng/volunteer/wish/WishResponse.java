package org.yimeng.volunteer.wish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A wish as staff in scope see it, with its household. The public listing uses {@link PublicWishResponse}.
 */
public record WishResponse(UUID id, UUID householdId, String countyCode, UUID communityId, UUID gridId, String title,
        String description, Long estimatedCostFen, WishStatus status, UUID claimantId, Instant claimedAt,
        LocalDate fulfilledOn, String fulfilNote, Integer fulfilMinutes, String cancelReason, Instant createdAt,
        Instant updatedAt) {

    static WishResponse of(Wish w) {
        return new WishResponse(w.id, w.householdId, w.countyCode, w.communityId, w.gridId, w.title, w.description,
                w.estimatedCostFen, w.status, w.claimantId, w.claimedAt, w.fulfilledOn, w.fulfilNote, w.fulfilMinutes,
                w.cancelReason, w.createdAt, w.updatedAt);
    }
}
