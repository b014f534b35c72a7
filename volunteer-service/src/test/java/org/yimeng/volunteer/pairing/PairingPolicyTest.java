package org.yimeng.volunteer.pairing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.yimeng.volunteer.support.Refusals.refused;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.pairing.PairingPolicy.Candidate;
import org.yimeng.volunteer.pairing.PairingPolicy.Household;
import org.yimeng.volunteer.volunteer.VolunteerStatus;

class PairingPolicyTest {
    private static final UUID COMMUNITY = UUID.fromString("018f0000-0000-7000-8000-0000000000c1");
    private static final UUID OTHER_COMMUNITY = UUID.fromString("018f0000-0000-7000-8000-0000000000c2");
    private static final UUID GRID = UUID.fromString("018f0000-0000-7000-8000-0000000000a1");
    private static final UUID A = UUID.fromString("018f0000-0000-7000-8000-000000000001");
    private static final UUID B = UUID.fromString("018f0000-0000-7000-8000-000000000002");
    private static final UUID C = UUID.fromString("018f0000-0000-7000-8000-000000000003");
    private static final UUID PAIRING = UUID.fromString("018f0000-0000-7000-8000-0000000000f1");
    private static final Household UNPAIRED = new Household(COMMUNITY, GRID, null);
    private static final int CAP = 3;
    /** Friday 2026-05-15; the 10-day window reaches back to Friday 2026-05-01. */
    private static final LocalDate TODAY = LocalDate.of(2026, 5, 15);
    private static final LocalDate PAIRED_ON = LocalDate.of(2026, 4, 1);

    private static Candidate active(UUID id, long serving) {
        return new Candidate(id, VolunteerStatus.ACTIVE, COMMUNITY, serving);
    }

    @Test
    void aPairingIsExactlyTwoDistinctVolunteersInTheOrderGiven() {
        assertEquals(List.of(B, A), PairingPolicy.requireTwoDistinct(List.of(B, A)));
        refused(ErrorCode.PAIRING_NEEDS_TWO_VOLUNTEERS, () -> PairingPolicy.requireTwoDistinct(List.of(A)));
        refused(ErrorCode.PAIRING_NEEDS_TWO_VOLUNTEERS, () -> PairingPolicy.requireTwoDistinct(List.of(A, A)));
        refused(ErrorCode.PAIRING_NEEDS_TWO_VOLUNTEERS, () -> PairingPolicy.requireTwoDistinct(List.of(A, B, C)));
        refused(ErrorCode.PAIRING_NEEDS_TWO_VOLUNTEERS, () -> PairingPolicy.requireTwoDistinct(List.of(A, B, A)));
    }

    @Test
    void aHouseholdIsPairedOnlyOnceItHasAGrid() {
        assertDoesNotThrow(() -> PairingPolicy.requirePairable(UNPAIRED));
        refused(ErrorCode.HOUSEHOLD_HAS_NO_GRID,
                () -> PairingPolicy.requirePairable(new Household(COMMUNITY, null, null)));
    }

    @Test
    void aHouseholdIsNeverHelpedByTwoActivePairingsAtOnce() {
        var e = refused(ErrorCode.HOUSEHOLD_ALREADY_PAIRED,
                () -> PairingPolicy.requirePairable(new Household(COMMUNITY, GRID, PAIRING)));
        assertEquals(PAIRING, e.properties().get("activePairingId"));
    }

    @Test
    void anActiveVolunteerOfTheHouseholdsCommunityBelowCapacityIsEligible() {
        assertDoesNotThrow(() -> PairingPolicy.requireEligible(active(A, 0), UNPAIRED, CAP));
    }

    @Test
    void aVolunteerTakesTheLastPairingTheCapacityAllowsAndNoMore() {
        assertDoesNotThrow(() -> PairingPolicy.requireEligible(active(A, CAP - 1), UNPAIRED, CAP));
        var e = refused(ErrorCode.VOLUNTEER_AT_CAPACITY,
                () -> PairingPolicy.requireEligible(active(A, CAP), UNPAIRED, CAP));
        assertEquals(A, e.properties().get("volunteerId"));
    }

    @Test
    void aSuspendedVolunteerIsNotPaired() {
        var e = refused(ErrorCode.VOLUNTEER_NOT_ACTIVE, () -> PairingPolicy.requireEligible(
                new Candidate(A, VolunteerStatus.SUSPENDED, COMMUNITY, 0), UNPAIRED, CAP));
        assertEquals(A, e.properties().get("volunteerId"));
    }

    @Test
    void aVolunteerOfAnotherCommunityIsNotPaired() {
        refused(ErrorCode.VOLUNTEER_OUTSIDE_COMMUNITY, () -> PairingPolicy.requireEligible(
                new Candidate(A, VolunteerStatus.ACTIVE, OTHER_COMMUNITY, 0), UNPAIRED, CAP));
    }

    @Test
    void aVolunteersStatusIsJudgedBeforeTheirCommunityAndCapacity() {
        refused(ErrorCode.VOLUNTEER_NOT_ACTIVE, () -> PairingPolicy.requireEligible(
                new Candidate(A, VolunteerStatus.SUSPENDED, OTHER_COMMUNITY, CAP), UNPAIRED, CAP));
        refused(ErrorCode.VOLUNTEER_OUTSIDE_COMMUNITY, () -> PairingPolicy.requireEligible(
                new Candidate(A, VolunteerStatus.ACTIVE, OTHER_COMMUNITY, CAP), UNPAIRED, CAP));
    }

    @Test
    void onlyAnActivePairingChanges() {
        assertDoesNotThrow(() -> PairingPolicy.requireActive(PairingStatus.ACTIVE, "why"));
        var e = refused(ErrorCode.PAIRING_NOT_ACTIVE,
                () -> PairingPolicy.requireActive(PairingStatus.ENDED, "The pairing has already ended"));
        assertEquals("The pairing has already ended", e.getMessage());
    }

    @Test
    void aReplacementSwapsACurrentVolunteerForOneNotAlreadyServing() {
        assertDoesNotThrow(() -> PairingPolicy.checkReplacement(List.of(A, B), A, C));
        refused(ErrorCode.VALIDATION_FAILED, () -> PairingPolicy.checkReplacement(List.of(A, B), C, A));
        refused(ErrorCode.PAIRING_NEEDS_TWO_VOLUNTEERS, () -> PairingPolicy.checkReplacement(List.of(A, B), A, B));
        refused(ErrorCode.PAIRING_NEEDS_TWO_VOLUNTEERS, () -> PairingPolicy.checkReplacement(List.of(A, B), A, A));
    }

    private static List<UUID> visit(LocalDate on, List<UUID> volunteers) {
        return PairingPolicy.checkVisit(PairingStatus.ACTIVE, PAIRED_ON, on, volunteers, List.of(A, B), TODAY, 10);
    }

    @Test
    void aVisitByTheCurrentVolunteersIsRecordedOnceEach() {
        assertEquals(List.of(B, A), visit(TODAY, List.of(B, A)));
        assertEquals(List.of(A), visit(TODAY, List.of(A)));
        refused(ErrorCode.VALIDATION_FAILED, () -> visit(TODAY, List.of(A, A)));
        refused(ErrorCode.VALIDATION_FAILED, () -> visit(TODAY, List.of(A, C)));
    }

    @Test
    void aVisitTakesPlaceBetweenTheDayThePairingBeganAndToday() {
        assertEquals(List.of(A), PairingPolicy.checkVisit(PairingStatus.ACTIVE, TODAY, TODAY, List.of(A),
                List.of(A, B), TODAY, 10));
        refused(ErrorCode.VALIDATION_FAILED, () -> PairingPolicy.checkVisit(PairingStatus.ACTIVE, TODAY,
                TODAY.minusDays(1), List.of(A), List.of(A, B), TODAY, 10));
        refused(ErrorCode.VALIDATION_FAILED, () -> visit(TODAY.plusDays(1), List.of(A)));
    }

    @Test
    void aVisitIsRecordedUpToTheTenthWorkingDayAfterIt() {
        assertEquals(List.of(A), visit(LocalDate.of(2026, 5, 1), List.of(A)));
        refused(ErrorCode.RECORDING_WINDOW_CLOSED, () -> visit(LocalDate.of(2026, 4, 30), List.of(A)));
    }

    @Test
    void anEndedPairingTakesNoVisits() {
        refused(ErrorCode.PAIRING_NOT_ACTIVE, () -> PairingPolicy.checkVisit(PairingStatus.ENDED, PAIRED_ON, TODAY,
                List.of(A), List.of(A, B), TODAY, 10));
    }
}
