package org.yimeng.volunteer.activity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimeng.volunteer.support.Refusals.refused;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.activity.ActivitySignUpPolicy.Cancellation;
import org.yimeng.volunteer.activity.ActivitySignUpPolicy.SignUp;
import org.yimeng.volunteer.volunteer.VolunteerStatus;

class ActivitySignUpPolicyTest {
    private static final UUID VOLUNTEER = UUID.fromString("018f0000-0000-7000-8000-000000000001");
    private static final UUID OTHER_ACTIVITY = UUID.fromString("018f0000-0000-7000-8000-000000000002");
    private static final Instant START = Instant.parse("2026-05-16T01:00:00Z");
    private static final Duration CUTOFF = Duration.ofHours(2);

    /** A planned activity of 10 places, 3 taken, and an ACTIVE volunteer not yet signed up and free at the time. */
    private static SignUp signUp() {
        return new SignUp(ActivityStatus.PLANNED, 10, 3, VOLUNTEER, VolunteerStatus.ACTIVE, false, null);
    }

    private static SignUp withPlaces(int capacity, int taken) {
        SignUp s = signUp();
        return new SignUp(s.status(), capacity, taken, s.volunteerId(), s.volunteerStatus(), s.alreadySignedUp(),
                s.clashingActivityId());
    }

    private static SignUp withStatus(ActivityStatus status) {
        SignUp s = signUp();
        return new SignUp(status, s.capacity(), s.placesTaken(), s.volunteerId(), s.volunteerStatus(),
                s.alreadySignedUp(), s.clashingActivityId());
    }

    @Test
    void takesTheLastPlace() {
        assertDoesNotThrow(() -> ActivitySignUpPolicy.check(withPlaces(10, 9)));
    }

    @Test
    void refusesWhenEveryPlaceIsTakenAndSaysHowMany() {
        var e = refused(ErrorCode.ACTIVITY_FULL, () -> ActivitySignUpPolicy.check(withPlaces(10, 10)));
        assertEquals(10, e.properties().get("capacity"));
    }

    @Test
    void takesSignUpsWhilePlannedOrWhileTheMoneyIsPendingOrGranted() {
        for (ActivityStatus open : new ActivityStatus[] {ActivityStatus.PLANNED, ActivityStatus.FUNDING_PENDING,
                ActivityStatus.FUNDED}) {
            assertDoesNotThrow(() -> ActivitySignUpPolicy.check(withStatus(open)), open.name());
        }
    }

    @Test
    void refusesSignUpsOnceTheActivityCannotTakePlaceAnyMore() {
        for (ActivityStatus closed : new ActivityStatus[] {ActivityStatus.COMPLETED, ActivityStatus.FUNDING_REJECTED,
                ActivityStatus.FUNDING_WITHDRAWN}) {
            var e = refused(ErrorCode.INVALID_ACTIVITY_STATE, () -> ActivitySignUpPolicy.requireOpen(closed));
            assertEquals(closed, e.properties().get("status"));
            refused(ErrorCode.INVALID_ACTIVITY_STATE, () -> ActivitySignUpPolicy.check(withStatus(closed)));
        }
    }

    @Test
    void refusesASuspendedVolunteer() {
        SignUp s = signUp();
        var e = refused(ErrorCode.VOLUNTEER_NOT_ACTIVE, () -> ActivitySignUpPolicy.check(new SignUp(s.status(),
                s.capacity(), s.placesTaken(), VOLUNTEER, VolunteerStatus.SUSPENDED, false, null)));
        assertEquals(VOLUNTEER, e.properties().get("volunteerId"));
    }

    @Test
    void refusesASecondSignUpOfTheSameVolunteer() {
        SignUp s = signUp();
        refused(ErrorCode.ALREADY_SIGNED_UP, () -> ActivitySignUpPolicy.check(new SignUp(s.status(), s.capacity(),
                s.placesTaken(), VOLUNTEER, VolunteerStatus.ACTIVE, true, null)));
    }

    @Test
    void aVolunteerAlreadySignedUpToAFullActivityHearsTheyAreSignedUpNotThatItIsFull() {
        refused(ErrorCode.ALREADY_SIGNED_UP, () -> ActivitySignUpPolicy.check(
                new SignUp(ActivityStatus.PLANNED, 10, 10, VOLUNTEER, VolunteerStatus.ACTIVE, true, null)));
    }

    @Test
    void refusesAnOverlappingSignUpAndNamesTheOtherActivity() {
        var e = refused(ErrorCode.OVERLAPPING_SIGNUP, () -> ActivitySignUpPolicy.check(
                new SignUp(ActivityStatus.PLANNED, 10, 3, VOLUNTEER, VolunteerStatus.ACTIVE, false, OTHER_ACTIVITY)));
        assertEquals(OTHER_ACTIVITY, e.properties().get("activityId"));
    }

    @Test
    void theActivitysStateIsJudgedBeforeTheVolunteer() {
        refused(ErrorCode.INVALID_ACTIVITY_STATE, () -> ActivitySignUpPolicy.check(new SignUp(
                ActivityStatus.COMPLETED, 10, 10, VOLUNTEER, VolunteerStatus.SUSPENDED, true, OTHER_ACTIVITY)));
    }

    private static Cancellation cancellation(ActivityStatus status, Instant checkedInAt) {
        return new Cancellation(status, START, checkedInAt, CUTOFF);
    }

    @Test
    void cancelsUntilTheLastSecondBeforeTheCutOff() {
        assertDoesNotThrow(() -> ActivitySignUpPolicy.checkCancellation(cancellation(ActivityStatus.PLANNED, null),
                START.minus(CUTOFF).minusSeconds(1)));
    }

    @Test
    void refusesCancellationFromTheCutOffMinuteOnAndSaysWhenItPassed() {
        for (Instant late : new Instant[] {START.minus(CUTOFF), START.minus(CUTOFF).plusSeconds(59), START,
                START.plusSeconds(1)}) {
            var e = refused(ErrorCode.SIGNUP_CUTOFF_PASSED, () -> ActivitySignUpPolicy.checkCancellation(
                    cancellation(ActivityStatus.PLANNED, null), late));
            assertEquals(START.minus(CUTOFF), e.properties().get("cutoffAt"), late.toString());
        }
    }

    @Test
    void theCutOffIsTheConfiguredOne() {
        Cancellation halfHour = new Cancellation(ActivityStatus.PLANNED, START, null, Duration.ofMinutes(30));
        Instant hourBefore = START.minus(Duration.ofHours(1));
        assertDoesNotThrow(() -> ActivitySignUpPolicy.checkCancellation(halfHour, hourBefore));
        refused(ErrorCode.SIGNUP_CUTOFF_PASSED,
                () -> ActivitySignUpPolicy.checkCancellation(cancellation(ActivityStatus.PLANNED, null), hourBefore));
    }

    @Test
    void refusesCancellationAfterCheckingIn() {
        Instant in = START.minus(Duration.ofHours(3));
        var e = refused(ErrorCode.ALREADY_CHECKED_IN, () -> ActivitySignUpPolicy.checkCancellation(
                cancellation(ActivityStatus.PLANNED, in), START.minus(Duration.ofHours(3))));
        assertEquals(in, e.properties().get("checkedInAt"));
    }

    @Test
    void refusesCancellationOnceTheSignUpsAreFinal() {
        refused(ErrorCode.INVALID_ACTIVITY_STATE, () -> ActivitySignUpPolicy.checkCancellation(
                cancellation(ActivityStatus.COMPLETED, null), START.minus(Duration.ofDays(1))));
    }
}
