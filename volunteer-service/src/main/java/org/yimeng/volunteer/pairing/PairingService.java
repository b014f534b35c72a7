package org.yimeng.volunteer.pairing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.Ids;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.household.Household;
import org.yimeng.volunteer.household.HouseholdService;
import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.servicerecord.ServiceRecord;
import org.yimeng.volunteer.servicerecord.SourceKind;
import org.yimeng.volunteer.support.Constraints;
import org.yimeng.volunteer.support.ReadTx;
import org.yimeng.volunteer.support.Text;
import org.yimeng.volunteer.support.Where;
import org.yimeng.volunteer.volunteer.Volunteer;

/**
 * "二对一" pairings: each household with exactly two ACTIVE volunteers of its community, at most one ACTIVE pairing
 * per household and at most N per volunteer.
 *
 * <p>Race safety: every change takes row locks in one order — household, then pairing, then volunteers in id
 * order — and checks after locking, so concurrent requests are decided one after another and cannot deadlock.
 * The household lock serialises pairings of one household (the partial unique index
 * {@code pairing_one_active_per_household} is the backstop); the volunteer locks serialise the capacity count.
 */
@ApplicationScoped
@Transactional
public class PairingService {
    static final String VISIT_CONTENT = "结对帮扶入户走访";

    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    Caller caller;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    public PairingResponse create(CreatePairingRequest r) {
        List<UUID> ids = PairingPolicy.requireTwoDistinct(r.volunteerIds());
        Household h = em.find(Household.class, r.householdId(), LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            throw ApiException.invalid("householdId", "no such household").detail("noSuchHousehold");
        }
        scope.require(HouseholdService.placeOf(h));
        PairingPolicy.requirePairable(household(h));
        List<Volunteer> volunteers = lockAndCheck(ids, h, "volunteerIds");

        Instant now = clock.now();
        Pairing p = new Pairing();
        p.id = Ids.newId();
        p.householdId = h.id;
        p.communityId = h.communityId;
        p.status = PairingStatus.ACTIVE;
        p.createdAt = now;
        p.persist();
        for (int i = 0; i < volunteers.size(); i++) {
            join(p.id, volunteers.get(i).id, i + 1, now);
        }
        h.activePairingId = p.id;
        Constraints.flush(em, Map.of("pairing_one_active_per_household", PairingPolicy::alreadyPaired));
        return responses(List.of(p)).get(0);
    }

    public PairingResponse end(UUID id, String reason) {
        Household h = lockHousehold(id);
        Pairing p = lockPairing(id);
        PairingPolicy.requireActive(p.status, "The pairing has already ended");
        Instant now = clock.now();
        p.status = PairingStatus.ENDED;
        p.endedAt = now;
        p.endReason = Text.clean(reason);
        for (PairingMember m : currentMembers(p.id)) {
            m.leftAt = now;
            m.leftReason = PairingMember.LEFT_PAIRING_ENDED;
        }
        h.activePairingId = null;
        em.flush();
        return responses(List.of(p)).get(0);
    }

    public PairingResponse replace(UUID id, ReplaceVolunteerRequest r) {
        Household h = lockHousehold(id);
        Pairing p = lockPairing(id);
        PairingPolicy.requireActive(p.status, "An ended pairing cannot change its volunteers");
        List<PairingMember> current = currentMembers(p.id);
        PairingPolicy.checkReplacement(current.stream().map(m -> m.volunteerId).toList(), r.outVolunteerId(),
                r.inVolunteerId());
        PairingMember out = current.stream().filter(m -> m.volunteerId.equals(r.outVolunteerId())).findFirst()
                .orElseThrow();
        Volunteer in = lockAndCheck(List.of(r.inVolunteerId()), h, "inVolunteerId").get(0);
        Instant now = clock.now();
        out.leftAt = now;
        out.leftReason = PairingMember.LEFT_REPLACED;
        em.flush(); // the slot is free before the incoming volunteer takes it
        join(p.id, in.id, out.slot, now);
        Constraints.flush(em, Map.of("pairing_member_current_key", PairingPolicy::incomingAlreadyServes));
        return responses(List.of(p)).get(0);
    }

    public VisitResponse visit(UUID pairingId, CreateVisitRequest r) {
        // shared lock: the pairing cannot end or change members while the visit is recorded
        Pairing p = em.find(Pairing.class, pairingId, LockModeType.PESSIMISTIC_READ);
        if (p == null) {
            throw ApiException.notFound("Pairing", pairingId);
        }
        Household h = em.find(Household.class, p.householdId);
        scope.require(HouseholdService.placeOf(h));
        List<UUID> members = currentMembers(p.id).stream().map(m -> m.volunteerId).toList();
        List<UUID> ids = PairingPolicy.checkVisit(p.status, clock.dateOf(p.createdAt), r.visitedOn(),
                r.volunteerIds(), members, clock.today(), config.service().recordingWindowWorkingDays());
        Community community = em.find(Community.class, p.communityId);
        Instant now = clock.now();
        Visit visit = new Visit();
        visit.id = Ids.newId();
        visit.pairingId = p.id;
        visit.visitedOn = r.visitedOn();
        visit.minutes = r.minutes();
        visit.volunteerIds = ids.toArray(UUID[]::new);
        visit.notes = Text.clean(r.notes());
        visit.recordedBy = caller.recorder();
        visit.createdAt = now;
        visit.persist();
        List<UUID> records = new ArrayList<>();
        for (UUID v : ids) {
            ServiceRecord s = new ServiceRecord();
            s.id = Ids.newId();
            s.volunteerId = v;
            s.sourceKind = SourceKind.VISIT;
            s.sourceId = visit.id;
            s.communityId = p.communityId;
            s.serviceDate = r.visitedOn();
            s.minutes = r.minutes();
            s.place = community.name;
            s.content = VISIT_CONTENT;
            // recorded by the grid's staff from the volunteers' report: that is the confirmation
            s.confirmedBy = visit.recordedBy;
            s.confirmedAt = now;
            s.createdAt = now;
            s.persist();
            records.add(s.id);
        }
        em.flush();
        return toResponse(visit, p, records);
    }

    @Transactional // one read transaction (see ReadTx)
    public List<VisitResponse> visits(UUID pairingId) {
        ReadTx.readOnly(em);
        Pairing p = visible(pairingId);
        List<VisitResponse> out = new ArrayList<>();
        for (Visit v : Visit.<Visit>find("pairingId = ?1 ORDER BY id", pairingId).list()) {
            List<UUID> records = em.createQuery("SELECT s.id FROM ServiceRecord s WHERE s.sourceKind = :kind "
                    + "AND s.sourceId = :visit ORDER BY s.id", UUID.class)
                    .setParameter("kind", SourceKind.VISIT).setParameter("visit", v.id).getResultList();
            out.add(toResponse(v, p, records));
        }
        return out;
    }

    @Transactional // one read transaction (see ReadTx)
    public PairingResponse get(UUID id) {
        ReadTx.readOnly(em);
        return responses(List.of(visible(id))).get(0);
    }

    @Transactional // one read transaction (see ReadTx)
    public Page<PairingResponse> list(UUID communityId, UUID gridId, UUID volunteerId, UUID householdId,
            PairingStatus status, Integer limit, String cursor) {
        ReadTx.readOnly(em);
        int n = Cursor.limit(limit);
        Where where = new Where().and("h.id = p.householdId")
                .andIf(communityId, "p.communityId = :community", "community")
                .andIf(gridId, "h.gridId = :grid", "grid")
                .andIf(householdId, "p.householdId = :household", "household")
                .andIf(status, "p.status = :status", "status")
                .andIf(volunteerId, "EXISTS (SELECT 1 FROM PairingMember m WHERE m.pairingId = p.id "
                        + "AND m.volunteerId = :volunteer)", "volunteer")
                .andIf(Cursor.decodeId(cursor), "p.id > :after", "after");
        scope.restrict(where, "h.countyCode", "h.communityId", "h.gridId");
        List<Pairing> rows = where.bind(em.createQuery("SELECT p FROM Pairing p, Household h" + where.sql()
                + " ORDER BY p.id", Pairing.class)).setMaxResults(n + 1).getResultList();
        List<Pairing> shown = rows.size() > n ? rows.subList(0, n) : rows;
        return new Page<>(responses(shown), rows.size() > n ? Cursor.encodeId(shown.get(n - 1).id) : null);
    }

    /**
     * Locks the volunteers in id order, then checks each exists and passes {@link PairingPolicy#requireEligible}.
     * The count runs after the lock, so it sees every pairing committed before.
     */
    private List<Volunteer> lockAndCheck(List<UUID> ids, Household h, String field) {
        List<UUID> ordered = new ArrayList<>(ids);
        ordered.sort(Comparator.comparing(UUID::toString));
        Map<UUID, Volunteer> locked = new HashMap<>();
        for (UUID id : ordered) {
            Volunteer v = em.find(Volunteer.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (v == null) {
                throw ApiException.invalid(field, "no volunteer " + id).detail("noVolunteer", id);
            }
            locked.put(id, v);
        }
        int cap = config.pairing().maxActivePerVolunteer();
        List<Volunteer> out = new ArrayList<>();
        for (UUID id : ids) {
            Volunteer v = locked.get(id);
            long serving = em.createQuery("SELECT count(m) FROM PairingMember m WHERE m.volunteerId = :v "
                    + "AND m.leftAt IS NULL", Long.class).setParameter("v", id).getSingleResult();
            PairingPolicy.requireEligible(new PairingPolicy.Candidate(id, v.status, v.communityId, serving),
                    household(h), cap);
            out.add(v);
        }
        return out;
    }

    private static PairingPolicy.Household household(Household h) {
        return new PairingPolicy.Household(h.communityId, h.gridId, h.activePairingId);
    }

    private void join(UUID pairingId, UUID volunteerId, int slot, Instant at) {
        PairingMember m = new PairingMember();
        m.slot = slot;
        m.id = Ids.newId();
        m.pairingId = pairingId;
        m.volunteerId = volunteerId;
        m.joinedAt = at;
        m.persist();
    }

    /** Locks the pairing's household first: the one lock order of this service (household, pairing, volunteers). */
    private Household lockHousehold(UUID pairingId) {
        Pairing p = Pairing.findById(pairingId);
        if (p == null) {
            throw ApiException.notFound("Pairing", pairingId);
        }
        Household h = em.find(Household.class, p.householdId, LockModeType.PESSIMISTIC_WRITE);
        scope.require(HouseholdService.placeOf(h));
        return h;
    }

    /** Re-reads the pairing under its row lock, so that its status is the committed one. */
    private Pairing lockPairing(UUID id) {
        Pairing p = Pairing.findById(id);
        em.refresh(p, LockModeType.PESSIMISTIC_WRITE);
        return p;
    }

    private Pairing visible(UUID id) {
        Pairing p = Pairing.findById(id);
        if (p == null) {
            throw ApiException.notFound("Pairing", id);
        }
        scope.require(HouseholdService.placeOf(em.find(Household.class, p.householdId)));
        return p;
    }

    private List<PairingMember> currentMembers(UUID pairingId) {
        return PairingMember.<PairingMember>find("pairingId = ?1 AND leftAt IS NULL ORDER BY slot", pairingId)
                .list();
    }

    private VisitResponse toResponse(Visit v, Pairing p, List<UUID> records) {
        return new VisitResponse(v.id, p.id, p.householdId, v.visitedOn, v.minutes, List.of(v.volunteerIds), v.notes,
                records, v.createdAt);
    }

    /** Pairings with members and household grid, in two queries whatever the page size. */
    private List<PairingResponse> responses(List<Pairing> pairings) {
        if (pairings.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = pairings.stream().map(p -> p.id).toList();
        Map<UUID, List<PairingMember>> members = new HashMap<>();
        for (PairingMember m : PairingMember.<PairingMember>find("pairingId IN ?1 ORDER BY joinedAt, slot", ids).list()) {
            members.computeIfAbsent(m.pairingId, k -> new ArrayList<>()).add(m);
        }
        Map<UUID, UUID> grids = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT h.id, h.gridId FROM Household h WHERE h.id IN :ids", Object[].class)
                .setParameter("ids", pairings.stream().map(p -> p.householdId).distinct().toList()).getResultList()) {
            grids.put((UUID) row[0], (UUID) row[1]);
        }
        List<PairingResponse> out = new ArrayList<>();
        for (Pairing p : pairings) {
            List<PairingMember> all = members.getOrDefault(p.id, List.of());
            List<UUID> current = all.stream()
                    .filter(m -> p.status == PairingStatus.ACTIVE ? m.leftAt == null
                            : PairingMember.LEFT_PAIRING_ENDED.equals(m.leftReason))
                    .sorted(Comparator.comparingInt(m -> m.slot)).map(m -> m.volunteerId).toList();
            out.add(new PairingResponse(p.id, p.householdId, p.communityId, grids.get(p.householdId), p.status, current,
                    all.stream().map(m -> new PairingResponse.Member(m.volunteerId, m.joinedAt, m.leftAt, m.leftReason))
                            .toList(),
                    p.createdAt, p.endedAt, p.endReason));
        }
        return out;
    }
}
