package org.yimeng.volunteer.contact;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.audit.AuditTrail;
import org.yimeng.volunteer.audit.AuditTrail.EntityType;
import org.yimeng.volunteer.household.Household;
import org.yimeng.volunteer.household.HouseholdService;
import org.yimeng.volunteer.scope.Access;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.volunteer.Volunteer;

/**
 * Staff who must phone a household or a volunteer ask for the number explicitly (api.md, the contact operations):
 * every other response masks phones. The number is read and the REVEAL (with the reason) recorded in one transaction,
 * so a number never leaves the service unaudited; the number itself is never logged nor put in the audit trail.
 */
@ApplicationScoped
@Transactional
public class ContactService {
    private static final List<String> FIELDS = List.of("phone");

    @Inject
    Scope scope;

    @Inject
    AuditTrail audit;

    @Inject
    jakarta.persistence.EntityManager em;

    public ContactResponse volunteer(UUID id, String reason) {
        Volunteer v = Volunteer.findById(id);
        if (v == null) {
            throw ApiException.notFound("Volunteer", id);
        }
        requireMayReveal(EntityType.VOLUNTEER, id, new Place(v.countyCode, v.communityId, v.gridId));
        return reveal(EntityType.VOLUNTEER, id, v.phone, false, reason);
    }

    public ContactResponse household(UUID id, String reason) {
        Household h = Household.findById(id);
        if (h == null) {
            throw ApiException.notFound("Household", id);
        }
        requireMayReveal(EntityType.HOUSEHOLD, id, HouseholdService.placeOf(h));
        return reveal(EntityType.HOUSEHOLD, id, h.phone, h.erasedAt != null, reason);
    }

    /**
     * Who may have a number in full: a GRID_WORKER for records of their own grid, a COMMUNITY_ADMIN for records of
     * their own community, and a volunteer for the household of an ACTIVE pairing they currently serve (api.md,
     * residents); nobody else, whatever their reach (a county or the city sees numbers masked). This is the one place
     * that decides.
     */
    protected boolean mayReveal(EntityType type, UUID id, Place place) {
        Access a = scope.access();
        return switch (a.level()) {
            case GRID -> a.gridId().equals(place.gridId());
            case COMMUNITY -> a.communityId().equals(place.communityId());
            case VOLUNTEER -> type == EntityType.HOUSEHOLD && servesActivePairing(a.volunteerId(), id);
            default -> false;
        };
    }

    private boolean servesActivePairing(UUID volunteerId, UUID householdId) {
        return !em.createNativeQuery("SELECT 1 FROM pairing p JOIN pairing_member m ON m.pairing_id = p.id "
                        + "WHERE p.household_id = ?1 AND p.status = 'ACTIVE' AND m.volunteer_id = ?2 AND m.left_at IS NULL")
                .setParameter(1, householdId).setParameter(2, volunteerId).setMaxResults(1).getResultList().isEmpty();
    }

    private void requireMayReveal(EntityType type, UUID id, Place place) {
        if (!mayReveal(type, id, place)) {
            throw ApiException.forbidden("Only the grid worker of the record's grid, the admin of its community or a "
                    + "volunteer of the household's active pairing may ask for the number");
        }
    }

    /** An erased record or one without a number reveals nothing and is not audited as a REVEAL (nothing was shown). */
    private ContactResponse reveal(EntityType type, UUID id, String phone, boolean erased, String reason) {
        if (erased) {
            throw new ApiException(ErrorCode.NO_PHONE, "The record's personal details were erased on request");
        }
        if (phone == null || phone.isBlank()) {
            throw new ApiException(ErrorCode.NO_PHONE, "No phone number is on record");
        }
        audit.recordReveal(type, id, FIELDS, reason.strip());
        return new ContactResponse(phone);
    }
}
