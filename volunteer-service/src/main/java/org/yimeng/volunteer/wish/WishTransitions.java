package org.yimeng.volunteer.wish;

import java.time.LocalDate;
import java.util.UUID;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.servicerecord.RecordingWindow;
import org.yimeng.volunteer.volunteer.VolunteerStatus;

/**
 * A wish's life: OPEN → CLAIMED (one ACTIVE volunteer) → FULFILLED, CLAIMED → OPEN when given back, OPEN or CLAIMED →
 * CANCELLED. Framework-free: the service passes in the current status (read under the row lock, or after the
 * conditional UPDATE of a claim lost) and the dates; it writes the status this class returns.
 */
public final class WishTransitions {
    private WishTransitions() {
    }

    /** What may be done to a wish; the word is the one the refusal uses. */
    public enum Action {
        CLAIM("claimed"), UNCLAIM("unclaimed"), FULFIL("fulfilled"), CANCEL("cancelled");

        private final String done;

        Action(String done) {
            this.done = done;
        }
    }

    /** The status a wish in {@code from} moves to by {@code action}, or the refusal. */
    public static WishStatus next(WishStatus from, Action action) {
        WishStatus to = switch (action) {
            case CLAIM -> from == WishStatus.OPEN ? WishStatus.CLAIMED : null;
            case UNCLAIM -> from == WishStatus.CLAIMED ? WishStatus.OPEN : null;
            case FULFIL -> from == WishStatus.CLAIMED ? WishStatus.FULFILLED : null;
            case CANCEL -> from == WishStatus.OPEN || from == WishStatus.CLAIMED ? WishStatus.CANCELLED : null;
        };
        if (to == null) {
            throw refusal(from, action);
        }
        return to;
    }

    /**
     * Why {@code action} is refused to a wish in {@code status}: a claim that finds the wish CLAIMED lost to another
     * volunteer (its own code, so the app can say so); anything else is the wrong state.
     */
    public static ApiException refusal(WishStatus status, Action action) {
        if (action == Action.CLAIM && status == WishStatus.CLAIMED) {
            return new ApiException(ErrorCode.WISH_ALREADY_CLAIMED, "Another volunteer has claimed this wish");
        }
        return new ApiException(ErrorCode.INVALID_WISH_STATE, "A wish that is " + status + " cannot be " + action.done)
                .with("status", status);
    }

    /** Only an ACTIVE volunteer claims a wish. */
    public static void requireClaimant(UUID volunteerId, VolunteerStatus status) {
        if (status != VolunteerStatus.ACTIVE) {
            throw new ApiException(ErrorCode.VOLUNTEER_NOT_ACTIVE, "Volunteer " + volunteerId + " is " + status)
                    .with("volunteerId", volunteerId);
        }
    }

    /**
     * A fulfilment happened between the day of the claim and today; when it reports minutes (a service record), the
     * recording window applies too.
     */
    public static void checkFulfilment(LocalDate fulfilledOn, LocalDate claimedOn, Integer minutes, LocalDate today,
            int windowWorkingDays) {
        if (fulfilledOn.isAfter(today)) {
            throw ApiException.invalid("fulfilledOn", "must not be in the future").detail("notFuture");
        }
        if (fulfilledOn.isBefore(claimedOn)) {
            throw ApiException.invalid("fulfilledOn", "must not be before the wish was claimed").detail("beforeClaim");
        }
        if (minutes != null) {
            RecordingWindow.require(fulfilledOn, today, windowWorkingDays);
        }
    }
}
