package org.yimeng.volunteer.household;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.yimeng.kit.error.ApiException;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.model.Masking;
import org.yimeng.volunteer.audit.AuditTrail;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.identity.IdNumber;
import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.place.PlaceService;
import org.yimeng.volunteer.scope.Place;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.Constraints;
import org.yimeng.volunteer.support.Locks;
import org.yimeng.volunteer.support.ReadTx;
import org.yimeng.volunteer.support.Text;
import org.yimeng.volunteer.support.Where;
import org.yimeng.volunteer.volunteer.VolunteerService;

/**
 * Households in difficulty, their needs surveys and basic archive. A household is recorded once: the same head ID
 * number anywhere in the city, or the same community, normalised address and head name, is a duplicate.
 */
@ApplicationScoped
@Transactional
public class HouseholdService {
    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    PlaceService places;

    @Inject
    BusinessClock clock;

    @Inject
    AuditTrail audit;

    /** The personal fields a household response shows (ID number and phone masked). */
    static final List<String> SHOWN = List.of("headName", "headIdNumber", "phone", "address", "memberCount",
            "categories");
    /** What erasure replaces the head's name and the address with: the row stays, the person is gone. */
    public static final String ERASED = "已删除";

    public HouseholdResponse create(CreateHouseholdRequest r) {
        String headId = r.headIdNumber() == null || r.headIdNumber().isBlank() ? null : IdNumber.normalise(r.headIdNumber());
        if (headId != null) {
            VolunteerService.requireValidIdNumber("headIdNumber", headId, clock.today());
        }
        String headName = Text.clean(r.headName());
        String address = Text.clean(r.address());
        String normalised = AddressNormaliser.normalise(address);
        if (normalised.isEmpty()) {
            throw ApiException.invalid("address", "must contain more than punctuation").detail("onlyPunctuation");
        }
        Community community = places.requireCommunity(r.communityId());
        if (r.gridId() != null) {
            places.requireGrid(r.gridId(), community.id);
        }
        scope.require(new Place(community.countyCode, community.id, r.gridId()));

        // the head's name is compared by its key (full-width folded) and stored as typed
        String addressKey = community.id + "|" + normalised + "|" + Text.key(headName);
        Locks.lock(em, "household-head|" + (headId == null ? "" : headId), "household-address|" + addressKey);
        if (headId != null) {
            Household same = Household.<Household>find("headIdNumber", headId).firstResult();
            if (same != null) {
                throw duplicate("The head's ID number is already registered for a household", same.id).detail("idNumber");
            }
        }
        Household same = Household.<Household>find("communityId = ?1 AND normalisedAddress = ?2", community.id, normalised)
                .<Household>list().stream().filter(o -> java.util.Objects.equals(Text.key(o.headName), Text.key(headName)))
                .findFirst().orElse(null);
        if (same != null) {
            throw duplicate("The community already has a household at this address with this head", same.id).detail("address");
        }
        Household h = new Household();
        h.id = Ids.newId();
        h.countyCode = community.countyCode;
        h.communityId = community.id;
        h.gridId = r.gridId();
        h.headName = headName;
        h.headIdNumber = headId;
        h.phone = r.phone();
        h.address = address;
        h.normalisedAddress = normalised;
        h.memberCount = r.memberCount();
        h.categories = categories(r.categories());
        h.createdAt = clock.now();
        h.updatedAt = h.createdAt;
        h.persist();
        Constraints.flush(em, Map.of(
                "household_head_id_number_key", () -> duplicate("The head's ID number is already registered", null).detail("idNumber"),
                "household_address_head_key", () -> duplicate("The community already has this household", null).detail("address")));
        List<String> given = new ArrayList<>(List.of("communityId", "headName", "address", "memberCount", "categories"));
        if (r.gridId() != null) {
            given.add("gridId");
        }
        if (headId != null) {
            given.add("headIdNumber");
        }
        if (r.phone() != null) {
            given.add("phone");
        }
        audit.record(AuditTrail.Action.CREATE, AuditTrail.EntityType.HOUSEHOLD, h.id, given);
        return responses(List.of(h)).get(0);
    }

    public HouseholdResponse update(UUID id, UpdateHouseholdRequest r) {
        Household h = em.find(Household.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            throw ApiException.notFound("Household", id);
        }
        scope.require(placeOf(h));
        List<String> changed = new ArrayList<>();
        if (r.gridId() != null && !r.gridId().equals(h.gridId)) {
            changed.add("gridId");
        }
        if (r.phone() != null) {
            changed.add("phone");
        }
        if (r.memberCount() != null) {
            changed.add("memberCount");
        }
        if (r.categories() != null) {
            changed.add("categories");
        }
        if (r.gridId() != null && !r.gridId().equals(h.gridId)) {
            places.requireGrid(r.gridId(), h.communityId);
            scope.require(new Place(h.countyCode, h.communityId, r.gridId()));
            h.gridId = r.gridId();
        }
        if (r.phone() != null) {
            h.phone = r.phone();
        }
        if (r.memberCount() != null) {
            h.memberCount = r.memberCount();
        }
        if (r.categories() != null) {
            h.categories = categories(r.categories());
        }
        h.updatedAt = clock.now();
        em.flush();
        audit.record(AuditTrail.Action.UPDATE, AuditTrail.EntityType.HOUSEHOLD, h.id, changed);
        return responses(List.of(h)).get(0);
    }

    @Transactional // one read transaction (see ReadTx)
    public HouseholdResponse get(UUID id) {
        ReadTx.readOnly(em);
        HouseholdResponse response = responses(List.of(visible(id))).get(0);
        audit.record(AuditTrail.Action.READ, AuditTrail.EntityType.HOUSEHOLD, id, SHOWN);
        return response;
    }

    /**
     * Erases the personal details of a household on request (个人信息保护法 §47): head name and address become
     * {@link #ERASED}, ID number and phone are dropped, the needs' free text, visit notes and stored idempotent
     * replies (which repeat the details) are cleared. The row, its categories, surveys, pairings and service records
     * stay, so counts, coverage, progress and volunteers' hours are unchanged.
     */
    public HouseholdResponse erase(UUID id) {
        Household h = em.find(Household.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            throw ApiException.notFound("Household", id);
        }
        scope.require(placeOf(h));
        h.headName = ERASED;
        h.headIdNumber = null;
        h.phone = null;
        h.address = ERASED;
        // unique with community and head name: the id keeps erased households of one community apart
        h.normalisedAddress = ERASED + ":" + h.id;
        if (h.erasedAt == null) {
            h.erasedAt = clock.now();
        }
        h.updatedAt = clock.now();
        em.flush();
        em.createNativeQuery("UPDATE survey_need n SET detail = '' FROM survey s WHERE s.id = n.survey_id "
                + "AND s.household_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("UPDATE visit v SET notes = NULL FROM pairing p WHERE p.id = v.pairing_id "
                + "AND p.household_id = ?1 AND v.notes IS NOT NULL").setParameter(1, id).executeUpdate();
        em.createNativeQuery("DELETE FROM kit_idempotency WHERE (scope = 'households' OR scope = ?2) "
                + "AND response_body LIKE ?1").setParameter(1, "%" + id + "%").setParameter(2, "surveys:" + id)
                .executeUpdate();
        audit.record(AuditTrail.Action.ERASE, AuditTrail.EntityType.HOUSEHOLD, id,
                List.of("headName", "headIdNumber", "phone", "address", "surveys.needs.detail", "visits.notes"));
        em.clear();
        return responses(List.of(em.find(Household.class, id))).get(0);
    }

    @Transactional // one read transaction (see ReadTx)
    public Page<HouseholdResponse> list(UUID communityId, UUID gridId, Boolean paired, Boolean surveyed, Integer limit,
            String cursor) {
        ReadTx.readOnly(em);
        int n = Cursor.limit(limit);
        Where where = new Where()
                .andIf(communityId, "h.communityId = :community", "community")
                .andIf(gridId, "h.gridId = :grid", "grid")
                .andIf(Cursor.decodeId(cursor), "h.id > :after", "after");
        if (paired != null) {
            where.and(paired ? "h.activePairingId IS NOT NULL" : "h.activePairingId IS NULL");
        }
        if (surveyed != null) {
            where.and(surveyed ? "h.firstSurveyedOn IS NOT NULL" : "h.firstSurveyedOn IS NULL");
        }
        scope.restrict(where, "h.countyCode", "h.communityId", "h.gridId");
        List<Household> rows = where.bind(em.createQuery("SELECT h FROM Household h" + where.sql() + " ORDER BY h.id",
                Household.class)).setMaxResults(n + 1).getResultList();
        List<Household> shown = rows.size() > n ? rows.subList(0, n) : rows;
        audit.recordList(AuditTrail.EntityType.HOUSEHOLD, shown.stream().map(h -> h.id).toList(), SHOWN);
        return new Page<>(responses(shown), rows.size() > n ? Cursor.encodeId(shown.get(n - 1).id) : null);
    }

    public SurveyResponse survey(UUID householdId, CreateSurveyRequest r) {
        // locked: the first survey date is kept on the household for coverage
        Household h = em.find(Household.class, householdId, LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            throw ApiException.notFound("Household", householdId);
        }
        scope.require(placeOf(h));
        if (r.surveyedOn().isAfter(clock.today())) {
            throw ApiException.invalid("surveyedOn", "must not be in the future").detail("notFuture");
        }
        Survey s = new Survey();
        s.id = Ids.newId();
        s.householdId = h.id;
        s.surveyedOn = r.surveyedOn();
        s.surveyor = Text.clean(r.surveyor());
        for (CreateSurveyRequest.NeedRequest nr : r.needs()) {
            Need need = new Need();
            need.type = nr.type();
            need.detail = Text.clean(nr.detail());
            s.needs.add(need);
        }
        s.createdAt = clock.now();
        s.persist();
        if (h.firstSurveyedOn == null || r.surveyedOn().isBefore(h.firstSurveyedOn)) {
            h.firstSurveyedOn = r.surveyedOn();
        }
        em.flush();
        audit.record(AuditTrail.Action.UPDATE, AuditTrail.EntityType.HOUSEHOLD, h.id, List.of("surveys.needs"));
        return SurveyResponse.of(s);
    }

    @Transactional // one read transaction (see ReadTx)
    public List<SurveyResponse> surveys(UUID householdId) {
        ReadTx.readOnly(em);
        visible(householdId);
        audit.record(AuditTrail.Action.READ, AuditTrail.EntityType.HOUSEHOLD, householdId, List.of("surveys.needs"));
        return Survey.<Survey>find("householdId = ?1 ORDER BY id", householdId).list().stream()
                .map(SurveyResponse::of).toList();
    }

    /** The household if it exists (404) and lies in the caller's scope (403). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Household visible(UUID id) {
        Household h = Household.findById(id);
        if (h == null) {
            throw ApiException.notFound("Household", id);
        }
        scope.require(placeOf(h));
        return h;
    }

    public static Place placeOf(Household h) {
        return new Place(h.countyCode, h.communityId, h.gridId);
    }

    /** Households with their survey and pairing facts, in one query whatever the page size. */
    @SuppressWarnings("unchecked")
    private List<HouseholdResponse> responses(List<Household> households) {
        Map<UUID, Object[]> facts = new HashMap<>();
        if (!households.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("SELECT h.id, "
                    + "(SELECT count(*) FROM survey s WHERE s.household_id = h.id), "
                    + "(SELECT max(s.surveyed_on) FROM survey s WHERE s.household_id = h.id), "
                    + "EXISTS (SELECT 1 FROM survey s JOIN survey_need n ON n.survey_id = s.id WHERE s.household_id = h.id) "
                    + "FROM household h WHERE h.id IN (?1)")
                    .setParameter(1, households.stream().map(h -> h.id).toList()).getResultList();
            rows.forEach(row -> facts.put((UUID) row[0], row));
        }
        List<HouseholdResponse> out = new ArrayList<>(households.size());
        for (Household h : households) {
            Object[] f = facts.get(h.id);
            long surveys = ((Number) f[1]).longValue();
            LocalDate last = f[2] == null ? null : f[2] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) f[2];
            boolean withNeed = (Boolean) f[3];
            UUID pairing = h.activePairingId;
            List<HouseholdCategory> cats = java.util.Arrays.stream(h.categories).map(HouseholdCategory::valueOf).toList();
            Archive archive = Archive.assess(new Archive.Facts(h.headName, h.address, h.gridId != null, cats.size(),
                    withNeed, pairing != null));
            out.add(new HouseholdResponse(h.id, h.countyCode, h.communityId, h.gridId, h.headName,
                    Masking.idNumber(h.headIdNumber), Masking.phone(h.phone), h.address, h.memberCount, cats,
                    surveys > 0, surveys, last, pairing, archive, h.createdAt, h.updatedAt));
        }
        return out;
    }

    private static String[] categories(List<HouseholdCategory> categories) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        categories.forEach(c -> set.add(c.name()));
        return set.toArray(String[]::new);
    }

    private static ApiException duplicate(String detail, UUID existing) {
        ApiException e = new ApiException(ErrorCode.DUPLICATE_HOUSEHOLD, detail);
        return existing == null ? e : e.with("existingId", existing);
    }
}
