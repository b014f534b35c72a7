package org.yimeng.volunteer.pairing;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.servicerecord.RecordingWindow;
import org.yimeng.volunteer.volunteer.VolunteerStatus;

/**
 * "二对一": a household of a grid with exactly two distinct ACTIVE volunteers of its community, never two active
 * pairings at once, no volunteer above the configured number of active pairings, and visits recorded by the current
 * volunteers within the recording window. Framework-free: the service locks household, pairing and volunteers, then
 * passes in what it read; the partial unique indexes stay the backstop against races.
 */
public final class PairingPolicy {
    private PairingPolicy() {
    }

    /** A household as pairing it needs: its community, its grid (or null) and its active pairing (or null). */
    public record Household(UUID communityId, UUID gridId, UUID activePairingId) {
    }

    /** A volunteer proposed for a pairing, read under its lock; {@code serving} counts its active pairings. */
    public record Candidate(UUID id, VolunteerStatus status, UUID communityId, long serving) {
    }

    /** Returns the two volunteers in the order given, or refuses anything but two distinct ones. */
    public static List<UUID> requireTwoDistinct(List<UUID> volunteerIds) {
        LinkedHashSet<UUID> ids = new LinkedHashSet<>(volunteerIds);
        if (volunteerIds.size() != 2 || ids.size() != 2) {
            throw new ApiException(ErrorCode.PAIRING_NEEDS_TWO_VOLUNTEERS,
                    "A pairing needs exactly two distinct volunteers");
        }
        return List.copyOf(ids);
    }

    /** A household is paired once it is placed in a grid, and only while it has no active pairing. */
    public static void requirePairable(Household h) {
        if (h.gridId() == null) {
            throw new ApiException(ErrorCode.HOUSEHOLD_HAS_NO_GRID, "Place the household in a grid before pairing it");
        }
        if (h.activePairingId() != null) {
            throw alreadyPaired().with("activePairingId", h.activePairingId());
        }
    }

    /** A volunteer may join a household's pairing when ACTIVE, of the household's community and below capacity. */
    public static void requireEligible(Candidate v, Household h, int maxActivePerVolunteer) {
        if (v.status() != VolunteerStatus.ACTIVE) {
            throw new ApiException(ErrorCode.VOLUNTEER_NOT_ACTIVE, "Volunteer " + v.id() + " is " + v.status())
                    .with("volunteerId", v.id());
        }
        if (!v.communityId().equals(h.communityId())) {
            throw new ApiException(ErrorCode.VOLUNTEER_OUTSIDE_COMMUNITY,
                    "Volunteer " + v.id() + " belongs to another community than the household")
                    .with("volunteerId", v.id()).detail("id", v.id());
        }
        if (v.serving() >= maxActivePerVolunteer) {
            throw new ApiException(ErrorCode.VOLUNTEER_AT_CAPACITY, "Volunteer " + v.id() + " already serves "
                    + v.serving() + " active pairings (at most " + maxActivePerVolunteer + ")")
                    .with("volunteerId", v.id()).detail("cap", v.id(), v.serving(), maxActivePerVolunteer);
        }
    }

    /** Only an active pairing ends, changes its volunteers or takes visits; {@code why} says what was refused. */
    public static void requireActive(PairingStatus status, String why) {
        if (status != PairingStatus.ACTIVE) {
            throw new ApiException(ErrorCode.PAIRING_NOT_ACTIVE, why);
        }
    }

    /** A replacement swaps a current volunteer for one not already serving in the pairing (two stay two). */
    public static void checkReplacement(Collection<UUID> currentVolunteers, UUID outgoing, UUID incoming) {
        if (!currentVolunteers.contains(outgoing)) {
            throw ApiException.invalid("outVolunteerId", "is not a current volunteer of this pairing")
                    .detail("notInPairing");
        }
        if (currentVolunteers.contains(incoming)) {
            throw incomingAlreadyServes();
        }
    }

    /**
     * A visit took place between the pairing's first day and today, inside the recording window, by current
     * volunteers of the pairing, each named once. Returns the volunteers in the order given.
     */
    public static List<UUID> checkVisit(PairingStatus status, LocalDate pairedOn, LocalDate visitedOn,
            List<UUID> volunteerIds, Collection<UUID> currentVolunteers, LocalDate today, int windowWorkingDays) {
        requireActive(status, "Visits are recorded for active pairings only");
        if (visitedOn.isAfter(today)) {
            throw ApiException.invalid("visitedOn", "must not be in the future").detail("notFuture");
        }
        if (visitedOn.isBefore(pairedOn)) {
            throw ApiException.invalid("visitedOn", "must not be before the pairing began").detail("beforePairing");
        }
        RecordingWindow.require(visitedOn, today, windowWorkingDays);
        LinkedHashSet<UUID> ids = new LinkedHashSet<>(volunteerIds);
        if (ids.size() != volunteerIds.size()) {
            throw ApiException.invalid("volunteerIds", "must not repeat a volunteer").detail("repeatVolunteer");
        }
        for (UUID v : ids) {
            if (!currentVolunteers.contains(v)) {
                throw ApiException.invalid("volunteerIds", v + " is not a current volunteer of this pairing")
                        .detail("volunteerNotInPairing", v);
            }
        }
        return List.copyOf(ids);
    }

    public static ApiException alreadyPaired() {
        return new ApiException(ErrorCode.HOUSEHOLD_ALREADY_PAIRED, "The household already has an active pairing");
    }

    public static ApiException incomingAlreadyServes() {
        return new ApiException(ErrorCode.PAIRING_NEEDS_TWO_VOLUNTEERS,
                "The incoming volunteer already serves in this pairing");
    }
}
