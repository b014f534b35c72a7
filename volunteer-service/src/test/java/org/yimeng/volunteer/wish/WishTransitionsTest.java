package org.yimeng.volunteer.wish;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimeng.volunteer.support.Refusals.refused;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.volunteer.VolunteerStatus;
import org.yimeng.volunteer.wish.WishTransitions.Action;

class WishTransitionsTest {
    /** Friday 2026-05-15; the 10-day window reaches back to Friday 2026-05-01. */
    private static final LocalDate TODAY = LocalDate.of(2026, 5, 15);
    private static final LocalDate CLAIMED_ON = LocalDate.of(2026, 4, 20);

    @Test
    void anOpenWishIsClaimedOrCancelled() {
        assertEquals(WishStatus.CLAIMED, WishTransitions.next(WishStatus.OPEN, Action.CLAIM));
        assertEquals(WishStatus.CANCELLED, WishTransitions.next(WishStatus.OPEN, Action.CANCEL));
        refused(ErrorCode.INVALID_WISH_STATE, () -> WishTransitions.next(WishStatus.OPEN, Action.FULFIL));
        refused(ErrorCode.INVALID_WISH_STATE, () -> WishTransitions.next(WishStatus.OPEN, Action.UNCLAIM));
    }

    @Test
    void aClaimedWishIsFulfilledGivenBackOrCancelled() {
        assertEquals(WishStatus.FULFILLED, WishTransitions.next(WishStatus.CLAIMED, Action.FULFIL));
        assertEquals(WishStatus.OPEN, WishTransitions.next(WishStatus.CLAIMED, Action.UNCLAIM));
        assertEquals(WishStatus.CANCELLED, WishTransitions.next(WishStatus.CLAIMED, Action.CANCEL));
    }

    @Test
    void aSecondClaimLosesToTheFirstWithItsOwnCode() {
        refused(ErrorCode.WISH_ALREADY_CLAIMED, () -> WishTransitions.next(WishStatus.CLAIMED, Action.CLAIM));
    }

    @Test
    void aFulfilledOrCancelledWishIsFinalAndTheRefusalNamesItsStatus() {
        for (WishStatus done : new WishStatus[] {WishStatus.FULFILLED, WishStatus.CANCELLED}) {
            for (Action action : Action.values()) {
                var e = refused(ErrorCode.INVALID_WISH_STATE, () -> WishTransitions.next(done, action));
                assertEquals(done, e.properties().get("status"));
            }
        }
        assertEquals("A wish that is FULFILLED cannot be cancelled",
                WishTransitions.refusal(WishStatus.FULFILLED, Action.CANCEL).getMessage());
    }

    @Test
    void onlyAnActiveVolunteerClaims() {
        UUID v = UUID.fromString("018f0000-0000-7000-8000-000000000001");
        assertDoesNotThrow(() -> WishTransitions.requireClaimant(v, VolunteerStatus.ACTIVE));
        var e = refused(ErrorCode.VOLUNTEER_NOT_ACTIVE, () -> WishTransitions.requireClaimant(v,
                VolunteerStatus.SUSPENDED));
        assertEquals(v, e.properties().get("volunteerId"));
    }

    @Test
    void aWishIsFulfilledBetweenTheDayOfTheClaimAndToday() {
        assertDoesNotThrow(() -> WishTransitions.checkFulfilment(CLAIMED_ON, CLAIMED_ON, null, TODAY, 10));
        assertDoesNotThrow(() -> WishTransitions.checkFulfilment(TODAY, CLAIMED_ON, 60, TODAY, 10));
        refused(ErrorCode.VALIDATION_FAILED,
                () -> WishTransitions.checkFulfilment(CLAIMED_ON.minusDays(1), CLAIMED_ON, null, TODAY, 10));
        refused(ErrorCode.VALIDATION_FAILED,
                () -> WishTransitions.checkFulfilment(TODAY.plusDays(1), CLAIMED_ON, null, TODAY, 10));
    }

    @Test
    void reportedMinutesMustFallInsideTheRecordingWindowAFulfilmentWithoutMinutesNeedNot() {
        assertDoesNotThrow(() -> WishTransitions.checkFulfilment(LocalDate.of(2026, 5, 1), CLAIMED_ON, 60, TODAY, 10));
        refused(ErrorCode.RECORDING_WINDOW_CLOSED,
                () -> WishTransitions.checkFulfilment(LocalDate.of(2026, 4, 30), CLAIMED_ON, 60, TODAY, 10));
        assertDoesNotThrow(() -> WishTransitions.checkFulfilment(LocalDate.of(2026, 4, 30), CLAIMED_ON, null, TODAY, 10));
    }
}
