package org.yimeng.volunteer.attendance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimeng.volunteer.support.Refusals.refused;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.activity.ActivityStatus;
import org.yimeng.volunteer.attendance.AttendancePolicy.Claim;
import org.yimeng.volunteer.attendance.AttendancePolicy.Position;
import org.yimeng.volunteer.attendance.AttendancePolicy.Presence;
import org.yimeng.volunteer.attendance.AttendancePolicy.Served;
import org.yimeng.volunteer.attendance.AttendancePolicy.Venue;

class AttendancePolicyTest {
    /** Friday 2026-05-15, 09:00 to 11:00 in Linyi. */
    private static final Instant START = Instant.parse("2026-05-15T01:00:00Z");
    private static final Instant END = Instant.parse("2026-05-15T03:00:00Z");
    private static final LocalDate FRIDAY = LocalDate.of(2026, 5, 15);
    /** The tenth working day after FRIDAY, the last of a 10-day window. */
    private static final LocalDate TENTH_WORKING_DAY = LocalDate.of(2026, 5, 29);
    private static final LocalDate ELEVENTH_WORKING_DAY = LocalDate.of(2026, 6, 1);
    private static final int WINDOW = 10;
    private static final Venue OPEN_AIR = new Venue(START, END, null, null, null);
    /** A 200 m fence; 0.001 degree of latitude is about 111 m. */
    private static final Venue FENCED = new Venue(START, END, 35.1, 118.3, 200);
    private static final Presence NOT_YET = new Presence(null, null);
    private static final Position NOWHERE = new Position(null, null);
    private static final Position AT_THE_GATE = new Position(35.101, 118.3);

    private static Presence in(Instant at) {
        return new Presence(at, null);
    }

    @Test
    void attendanceIsTakenOnlyWhileTheActivityCanTakePlace() {
        assertDoesNotThrow(() -> AttendancePolicy.requireOpen(ActivityStatus.FUNDED));
        refused(ErrorCode.INVALID_ACTIVITY_STATE, () -> AttendancePolicy.requireOpen(ActivityStatus.COMPLETED));
        refused(ErrorCode.INVALID_ACTIVITY_STATE, () -> AttendancePolicy.requireOpen(ActivityStatus.FUNDING_WITHDRAWN));
    }

    @Test
    void anOrganiserRecordsNowUnlessTheyGiveATimeAtMostFiveMinutesAhead() {
        Instant now = START;
        assertEquals(now, AttendancePolicy.recordedAt(null, now));
        assertEquals(now.minusSeconds(3600), AttendancePolicy.recordedAt(now.minusSeconds(3600), now));
        assertEquals(now.plus(AttendancePolicy.SKEW), AttendancePolicy.recordedAt(now.plus(AttendancePolicy.SKEW), now));
        refused(ErrorCode.VALIDATION_FAILED,
                () -> AttendancePolicy.recordedAt(now.plus(AttendancePolicy.SKEW).plusSeconds(1), now));
    }

    @Test
    void anOrganiserChecksInFromTwoHoursBeforeTheStartUntilTheLastSecondBeforeTheEnd() {
        Instant opens = START.minus(Duration.ofHours(2));
        refused(ErrorCode.ACTIVITY_NOT_STARTED, () -> AttendancePolicy.checkStaffCheckIn(OPEN_AIR, NOT_YET,
                opens.minusSeconds(1)));
        assertDoesNotThrow(() -> AttendancePolicy.checkStaffCheckIn(OPEN_AIR, NOT_YET, opens));
        assertDoesNotThrow(() -> AttendancePolicy.checkStaffCheckIn(OPEN_AIR, NOT_YET, END.minusSeconds(1)));
        refused(ErrorCode.VALIDATION_FAILED, () -> AttendancePolicy.checkStaffCheckIn(OPEN_AIR, NOT_YET, END));
    }

    @Test
    void anOrganiserChecksAVolunteerInOnce() {
        var e = refused(ErrorCode.ALREADY_CHECKED_IN, () -> AttendancePolicy.checkStaffCheckIn(OPEN_AIR, in(START),
                START.plusSeconds(60)));
        assertEquals(START, e.properties().get("checkedInAt"));
    }

    @Test
    void anOrganiserChecksOutOnceAfterTheCheckInAndNotBeforeIt() {
        refused(ErrorCode.NOT_CHECKED_IN, () -> AttendancePolicy.checkStaffCheckOut(NOT_YET, END));
        refused(ErrorCode.CHECK_OUT_BEFORE_CHECK_IN, () -> AttendancePolicy.checkStaffCheckOut(in(START),
                START.minusSeconds(1)));
        assertDoesNotThrow(() -> AttendancePolicy.checkStaffCheckOut(in(START), START));
        // entered later for ad-hoc service: no upper bound on the organiser's check-out
        assertDoesNotThrow(() -> AttendancePolicy.checkStaffCheckOut(in(START), END.plus(Duration.ofDays(1))));
        refused(ErrorCode.ALREADY_CHECKED_OUT, () -> AttendancePolicy.checkStaffCheckOut(new Presence(START, END),
                END.plusSeconds(60)));
    }

    @Test
    void aVolunteerChecksThemselfInFromThirtyMinutesBeforeTheStartUntilTheEnd() {
        Instant opens = START.minus(Duration.ofMinutes(30));
        var e = refused(ErrorCode.OUTSIDE_CHECK_IN_WINDOW, () -> AttendancePolicy.checkSelfCheckIn(OPEN_AIR, NOT_YET,
                NOWHERE, opens.minusSeconds(1)));
        assertEquals(opens, e.properties().get("opensAt"));
        assertEquals(END, e.properties().get("closesAt"));
        assertDoesNotThrow(() -> AttendancePolicy.checkSelfCheckIn(OPEN_AIR, NOT_YET, NOWHERE, opens));
        assertDoesNotThrow(() -> AttendancePolicy.checkSelfCheckIn(OPEN_AIR, NOT_YET, NOWHERE, END.minusSeconds(1)));
        refused(ErrorCode.OUTSIDE_CHECK_IN_WINDOW, () -> AttendancePolicy.checkSelfCheckIn(OPEN_AIR, NOT_YET,
                NOWHERE, END));
        refused(ErrorCode.ALREADY_CHECKED_IN, () -> AttendancePolicy.checkSelfCheckIn(OPEN_AIR, in(START), NOWHERE,
                START.plusSeconds(60)));
    }

    @Test
    void aFencedActivityWantsThePhonesPositionInsideItsRadius() {
        var missing = refused(ErrorCode.OUTSIDE_GEOFENCE, () -> AttendancePolicy.checkSelfCheckIn(FENCED, NOT_YET,
                NOWHERE, START));
        assertEquals(true, missing.properties().get("positionRequired"));
        assertDoesNotThrow(() -> AttendancePolicy.checkSelfCheckIn(FENCED, NOT_YET, AT_THE_GATE, START));
        var far = refused(ErrorCode.OUTSIDE_GEOFENCE, () -> AttendancePolicy.checkSelfCheckIn(FENCED, NOT_YET,
                new Position(35.11, 118.3), START));
        assertEquals(200, far.properties().get("radiusM"));
        long distance = (Long) far.properties().get("distanceM");
        assertTrue(distance > 1000 && distance < 1200, "about 1.1 km, was " + distance);
    }

    @Test
    void theFenceIsCheckedBeforeADoubleCheckIn() {
        refused(ErrorCode.OUTSIDE_GEOFENCE, () -> AttendancePolicy.checkSelfCheckIn(FENCED, in(START), NOWHERE,
                START.plusSeconds(60)));
    }

    @Test
    void aVolunteerChecksThemselfOutUntilTwoHoursAfterTheEndAndThenAppeals() {
        Presence present = in(START.plusSeconds(600));
        refused(ErrorCode.NOT_CHECKED_IN, () -> AttendancePolicy.checkSelfCheckOut(OPEN_AIR, NOT_YET, NOWHERE, END));
        refused(ErrorCode.OUTSIDE_CHECK_IN_WINDOW, () -> AttendancePolicy.checkSelfCheckOut(OPEN_AIR, present,
                NOWHERE, START.plusSeconds(599)));
        assertDoesNotThrow(() -> AttendancePolicy.checkSelfCheckOut(OPEN_AIR, present, NOWHERE, START.plusSeconds(600)));
        Instant closes = END.plus(Duration.ofHours(2));
        assertDoesNotThrow(() -> AttendancePolicy.checkSelfCheckOut(OPEN_AIR, present, NOWHERE, closes));
        var e = refused(ErrorCode.OUTSIDE_CHECK_IN_WINDOW, () -> AttendancePolicy.checkSelfCheckOut(OPEN_AIR, present,
                NOWHERE, closes.plusSeconds(1)));
        assertEquals(closes, e.properties().get("closesAt"));
        refused(ErrorCode.OUTSIDE_GEOFENCE, () -> AttendancePolicy.checkSelfCheckOut(FENCED, present, NOWHERE, END));
        refused(ErrorCode.ALREADY_CHECKED_OUT, () -> AttendancePolicy.checkSelfCheckOut(OPEN_AIR,
                new Presence(START, END), NOWHERE, END.plusSeconds(60)));
    }

    private static Instant appeal(Presence recorded, Claim claim, Instant now, LocalDate today) {
        return AttendancePolicy.checkAppeal(ActivityStatus.COMPLETED, OPEN_AIR, recorded, claim, now, FRIDAY, today,
                WINDOW);
    }

    @Test
    void anAppealStandsOnTheClaimedCheckInElseTheRecordedOne() {
        Instant later = END.plus(Duration.ofDays(1));
        assertEquals(START, appeal(in(START), new Claim(null, END), later, FRIDAY.plusDays(1)));
        assertEquals(START.plusSeconds(60), appeal(in(START), new Claim(START.plusSeconds(60), END), later,
                FRIDAY.plusDays(1)));
        refused(ErrorCode.VALIDATION_FAILED, () -> appeal(NOT_YET, new Claim(null, END), later, FRIDAY.plusDays(1)));
    }

    @Test
    void anAppealIsRefusedForAnActivityThatNeverTookPlace() {
        refused(ErrorCode.INVALID_ACTIVITY_STATE, () -> AttendancePolicy.checkAppeal(ActivityStatus.FUNDING_REJECTED,
                OPEN_AIR, in(START), new Claim(null, END), END, FRIDAY, FRIDAY, WINDOW));
    }

    @Test
    void anAppealedCheckOutIsNotInTheFutureAndComesAfterTheCheckIn() {
        Instant now = END;
        assertEquals(START, appeal(in(START), new Claim(null, now.plus(AttendancePolicy.SKEW)), now, FRIDAY));
        refused(ErrorCode.VALIDATION_FAILED, () -> appeal(in(START),
                new Claim(null, now.plus(AttendancePolicy.SKEW).plusSeconds(1)), now, FRIDAY));
        refused(ErrorCode.CHECK_OUT_BEFORE_CHECK_IN, () -> appeal(in(START), new Claim(null, START), now, FRIDAY));
    }

    @Test
    void anAppealCoversAtLeastAMinuteOfTheActivity() {
        Instant now = END.plus(Duration.ofDays(1));
        refused(ErrorCode.VALIDATION_FAILED, () -> appeal(NOT_YET, new Claim(END.minusSeconds(59), END), now,
                FRIDAY.plusDays(1)));
        assertEquals(END.minusSeconds(60), appeal(NOT_YET, new Claim(END.minusSeconds(60), END), now,
                FRIDAY.plusDays(1)));
        // presence wholly after the end counts nothing
        refused(ErrorCode.VALIDATION_FAILED, () -> appeal(NOT_YET, new Claim(END.plusSeconds(60), END.plusSeconds(600)),
                now, FRIDAY.plusDays(1)));
    }

    @Test
    void anAppealIsFiledUpToTheTenthWorkingDayAfterTheActivityEnded() {
        Instant now = END.plus(Duration.ofDays(20));
        assertEquals(START, appeal(in(START), new Claim(null, END), now, TENTH_WORKING_DAY));
        refused(ErrorCode.RECORDING_WINDOW_CLOSED, () -> appeal(in(START), new Claim(null, END), now,
                ELEVENTH_WORKING_DAY));
    }

    @Test
    void anAppealWhileTheActivityIsStillGoingOnIsInsideTheWindow() {
        // the activity ends tomorrow (local date after today): nothing to count yet
        assertEquals(START, AttendancePolicy.checkAppeal(ActivityStatus.FUNDED, OPEN_AIR, in(START),
                new Claim(null, START.plusSeconds(600)), START.plusSeconds(600), FRIDAY, FRIDAY.minusDays(1), WINDOW));
    }

    @Test
    void anApprovalPutsTheClaimedTimesOverTheRecordedOnes() {
        assertEquals(new Presence(START, END), AttendancePolicy.approved(in(START), new Claim(null, END)));
        assertEquals(new Presence(START.plusSeconds(60), END),
                AttendancePolicy.approved(new Presence(START, END.plusSeconds(9000)), new Claim(START.plusSeconds(60), END)));
        refused(ErrorCode.CHECK_OUT_BEFORE_CHECK_IN, () -> AttendancePolicy.approved(in(END), new Claim(null, END)));
        refused(ErrorCode.CHECK_OUT_BEFORE_CHECK_IN, () -> AttendancePolicy.approved(NOT_YET, new Claim(null, END)));
    }

    @Test
    void anApprovedAppealRecordsThePresenceClippedToTheActivityAndAtLeastAMinute() {
        AttendanceRules.Span span = AttendancePolicy.appealedSpan(OPEN_AIR,
                new Presence(START.minusSeconds(600), END.plusSeconds(600)));
        assertEquals(START, span.start());
        assertEquals(END, span.end());
        refused(ErrorCode.VALIDATION_FAILED, () -> AttendancePolicy.appealedSpan(OPEN_AIR,
                new Presence(END.minusSeconds(30), END.plusSeconds(600))));
    }

    @Test
    void anActivityIsCompletedOnceItEndedAndOnlyWithTheMoneyQuestionSettled() {
        assertDoesNotThrow(() -> AttendancePolicy.checkCompletion(ActivityStatus.PLANNED, END, END, FRIDAY, FRIDAY,
                WINDOW));
        assertDoesNotThrow(() -> AttendancePolicy.checkCompletion(ActivityStatus.FUNDED, END, END, FRIDAY, FRIDAY,
                WINDOW));
        refused(ErrorCode.INVALID_ACTIVITY_STATE, () -> AttendancePolicy.checkCompletion(ActivityStatus.PLANNED, END,
                END.minusSeconds(1), FRIDAY, FRIDAY, WINDOW));
        for (ActivityStatus unsettled : new ActivityStatus[] {ActivityStatus.FUNDING_PENDING,
                ActivityStatus.FUNDING_REJECTED, ActivityStatus.FUNDING_WITHDRAWN, ActivityStatus.COMPLETED}) {
            refused(ErrorCode.INVALID_ACTIVITY_STATE, () -> AttendancePolicy.checkCompletion(unsettled, END,
                    END.plusSeconds(60), FRIDAY, FRIDAY, WINDOW));
        }
    }

    @Test
    void completionIsRecordedUpToTheTenthWorkingDayAfterTheActivityEnded() {
        Instant later = END.plus(Duration.ofDays(30));
        assertDoesNotThrow(() -> AttendancePolicy.checkCompletion(ActivityStatus.PLANNED, END, later, FRIDAY,
                TENTH_WORKING_DAY, WINDOW));
        refused(ErrorCode.RECORDING_WINDOW_CLOSED, () -> AttendancePolicy.checkCompletion(ActivityStatus.PLANNED, END,
                later, FRIDAY, ELEVENTH_WORKING_DAY, WINDOW));
    }

    @Test
    void completionClipsPresenceToTheActivity() {
        Served s = AttendancePolicy.served(OPEN_AIR, new Presence(START.minusSeconds(900), END.plusSeconds(900)))
                .orElseThrow();
        assertEquals(START, s.span().start());
        assertEquals(END, s.span().end());
        assertEquals(120, s.span().minutes());
        assertEquals(false, s.flagged());
    }

    @Test
    void aMissingCheckOutClosesAtTheEndAndIsFlagged() {
        Served s = AttendancePolicy.served(OPEN_AIR, in(START.plusSeconds(1800))).orElseThrow();
        assertEquals(END, s.span().end());
        assertEquals(90, s.span().minutes());
        assertTrue(s.flagged());
    }

    @Test
    void completionRecordsNothingWithoutACheckInOrForLessThanAMinute() {
        assertTrue(AttendancePolicy.served(OPEN_AIR, NOT_YET).isEmpty());
        assertTrue(AttendancePolicy.served(OPEN_AIR, new Presence(START, START.plusSeconds(59))).isEmpty());
        assertEquals(1, AttendancePolicy.served(OPEN_AIR, new Presence(START, START.plusSeconds(60))).orElseThrow()
                .span().minutes());
    }
}
