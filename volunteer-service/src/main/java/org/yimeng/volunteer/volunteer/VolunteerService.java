package org.yimeng.volunteer.volunteer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
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
import org.yimeng.kit.error.Problem;
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
import org.yimeng.volunteer.servicerecord.ServiceStats;
import org.yimeng.volunteer.support.Constraints;
import org.yimeng.volunteer.support.Locks;
import org.yimeng.volunteer.support.ReadTx;
import org.yimeng.volunteer.support.Text;
import org.yimeng.volunteer.support.Where;

/** Registration, changes and reads of volunteers, within the caller's scope. */
@ApplicationScoped
@Transactional
public class VolunteerService {
    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    PlaceService places;

    @Inject
    BusinessClock clock;

    @Inject
    ServiceStats stats;

    @Inject
    AuditTrail audit;

    /** The personal fields a volunteer response shows (phone and ID number masked). */
    public static final List<String> SHOWN = List.of("name", "phone", "idNumber", "gender", "birthDate", "skills");

    public VolunteerResponse register(CreateVolunteerRequest r) {
        if (!Boolean.TRUE.equals(r.consent())) {
            throw new ApiException(ErrorCode.CONSENT_REQUIRED, "Registration needs the volunteer's explicit consent")
                    .with("violations", List.of(new Problem.Violation("consent", "must be true"))).detail("consent");
        }
        LocalDate today = clock.today();
        String idNumber = r.idNumber() == null || r.idNumber().isBlank() ? null : IdNumber.normalise(r.idNumber());
        LocalDate birthDate = r.birthDate();
        Gender gender = r.gender();
        if (idNumber != null) {
            requireValidIdNumber("idNumber", idNumber, today);
            LocalDate encoded = IdNumber.birthDate(idNumber);
            if (birthDate != null && !birthDate.equals(encoded)) {
                throw ApiException.invalid("birthDate", "does not match the ID number").detail("birthDateMismatch");
            }
            birthDate = encoded;
            if (gender == null) {
                gender = (idNumber.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
            }
        }
        if (birthDate != null && birthDate.isAfter(today)) {
            throw ApiException.invalid("birthDate", "must not be in the future").detail("notFuture");
        }
        Community community = places.requireCommunity(r.communityId());
        if (r.gridId() != null) {
            places.requireGrid(r.gridId(), community.id);
        }
        scope.require(new Place(community.countyCode, community.id, r.gridId()));

        Locks.lock(em, "volunteer-phone|" + r.phone(), "volunteer-id|" + (idNumber == null ? "" : idNumber));
        Volunteer same = Volunteer.<Volunteer>find("phone", r.phone()).firstResult();
        if (same != null) {
            throw duplicate("phone", same.id);
        }
        if (idNumber != null && (same = Volunteer.<Volunteer>find("idNumber", idNumber).firstResult()) != null) {
            throw duplicate("idNumber", same.id);
        }
        Volunteer v = new Volunteer();
        v.id = Ids.newId();
        v.countyCode = community.countyCode;
        v.communityId = community.id;
        v.gridId = r.gridId();
        v.name = Text.clean(r.name());
        v.phone = r.phone();
        v.idNumber = idNumber;
        v.gender = gender;
        v.birthDate = birthDate;
        v.skills = skills(r.skills());
        v.status = VolunteerStatus.ACTIVE;
        v.consentAt = clock.now();
        v.createdAt = v.consentAt;
        v.updatedAt = v.consentAt;
        v.persist();
        Constraints.flush(em, Map.of("volunteer_phone_key", () -> duplicate("phone", null),
                "volunteer_id_number_key", () -> duplicate("idNumber", null)));
        List<String> given = new ArrayList<>(List.of("name", "phone", "communityId", "consent"));
        addIf(given, idNumber != null, "idNumber");
        addIf(given, gender != null, "gender");
        addIf(given, birthDate != null, "birthDate");
        addIf(given, r.gridId() != null, "gridId");
        addIf(given, r.skills() != null, "skills");
        audit.record(AuditTrail.Action.CREATE, AuditTrail.EntityType.VOLUNTEER, v.id, given);
        return responses(List.of(v)).get(0);
    }

    public VolunteerResponse update(UUID id, UpdateVolunteerRequest r) {
        // locked: status decides whether a concurrent pairing may take this volunteer
        Volunteer v = em.find(Volunteer.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (v == null) {
            throw ApiException.notFound("Volunteer", id);
        }
        scope.require(placeOf(v));
        List<String> changed = new ArrayList<>();
        addIf(changed, r.gridId() != null && !r.gridId().equals(v.gridId), "gridId");
        addIf(changed, r.status() != null, "status");
        addIf(changed, r.skills() != null, "skills");
        if (r.gridId() != null && !r.gridId().equals(v.gridId)) {
            places.requireGrid(r.gridId(), v.communityId);
            scope.require(new Place(v.countyCode, v.communityId, r.gridId()));
            v.gridId = r.gridId();
        }
        if (r.status() != null) {
            v.status = r.status();
        }
        if (r.skills() != null) {
            v.skills = skills(r.skills());
        }
        v.updatedAt = clock.now();
        em.flush();
        audit.record(AuditTrail.Action.UPDATE, AuditTrail.EntityType.VOLUNTEER, v.id, changed);
        return responses(List.of(v)).get(0);
    }

    @Transactional // one read transaction (see ReadTx)
    public VolunteerResponse get(UUID id) {
        ReadTx.readOnly(em);
        Volunteer v = Volunteer.findById(id);
        if (v == null) {
            throw ApiException.notFound("Volunteer", id);
        }
        if (!scope.access().isVolunteer(id)) {
            scope.require(placeOf(v));
        }
        VolunteerResponse response = responses(List.of(v)).get(0);
        audit.record(AuditTrail.Action.READ, AuditTrail.EntityType.VOLUNTEER, v.id, SHOWN);
        return response;
    }

    @Transactional // one read transaction (see ReadTx)
    public Page<VolunteerResponse> list(UUID communityId, UUID gridId, String skill, VolunteerStatus status,
            Integer limit, String cursor) {
        ReadTx.readOnly(em);
        int n = Cursor.limit(limit);
        Where where = new Where()
                .andIf(communityId, "v.communityId = :community", "community")
                .andIf(gridId, "v.gridId = :grid", "grid")
                .andIf(skill, "array_contains(v.skills, :skill)", "skill")
                .andIf(status, "v.status = :status", "status")
                .andIf(Cursor.decodeId(cursor), "v.id > :after", "after");
        scope.restrict(where, "v.countyCode", "v.communityId", "v.gridId");
        List<Volunteer> rows = where.bind(em.createQuery("SELECT v FROM Volunteer v" + where.sql() + " ORDER BY v.id",
                Volunteer.class)).setMaxResults(n + 1).getResultList();
        List<Volunteer> shown = rows.size() > n ? rows.subList(0, n) : rows;
        List<VolunteerResponse> items = responses(shown);
        audit.recordList(AuditTrail.EntityType.VOLUNTEER, shown.stream().map(v -> v.id).toList(), SHOWN);
        return new Page<>(items, rows.size() > n ? Cursor.encodeId(shown.get(n - 1).id) : null);
    }

    /** Volunteers and their figures, in two aggregate queries whatever the page size. */
    @SuppressWarnings("unchecked")
    public List<VolunteerResponse> responses(List<Volunteer> volunteers) {
        List<UUID> ids = volunteers.stream().map(v -> v.id).toList();
        var figures = stats.of(ids);
        Map<UUID, Long> active = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT volunteer_id, count(*) FROM pairing_member "
                    + "WHERE volunteer_id IN (?1) AND left_at IS NULL GROUP BY volunteer_id")
                    .setParameter(1, ids).getResultList()) {
                active.put((UUID) row[0], ((Number) row[1]).longValue());
            }
        }
        List<VolunteerResponse> out = new ArrayList<>(volunteers.size());
        for (Volunteer v : volunteers) {
            var f = figures.get(v.id);
            out.add(new VolunteerResponse(v.id, v.name, Masking.phone(v.phone), Masking.idNumber(v.idNumber), v.gender,
                    v.birthDate, v.countyCode, v.communityId, v.gridId, List.of(v.skills), v.status, v.consentAt,
                    active.getOrDefault(v.id, 0L), f.totalMinutes(), f.starLevel(), f.weekMinutes(), f.weeklyGoalMet(),
                    v.createdAt, v.updatedAt));
        }
        return out;
    }

    static Place placeOf(Volunteer v) {
        return new Place(v.countyCode, v.communityId, v.gridId);
    }

    /** 422 INVALID_ID_NUMBER naming the field, for a number that fails GB 11643. */
    static void addIf(List<String> fields, boolean condition, String field) {
        if (condition) {
            fields.add(field);
        }
    }

    public static void requireValidIdNumber(String field, String idNumber, LocalDate today) {
        IdNumber.problem(idNumber, today).ifPresent(problem -> {
            throw new ApiException(ErrorCode.INVALID_ID_NUMBER, field + " " + problem)
                    .with("violations", List.of(new Problem.Violation(field, problem))).detail(IdNumber.reasonKey(problem));
        });
    }

    private static String[] skills(Collection<String> skills) {
        if (skills == null) {
            return new String[0];
        }
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String s : skills) {
            clean.add(Text.key(s));
        }
        return clean.toArray(String[]::new);
    }

    private static ApiException duplicate(String field, UUID existing) {
        ApiException e = new ApiException(ErrorCode.DUPLICATE_VOLUNTEER,
                "A volunteer with this " + field + " is already registered").with("field", field).detail(field);
        return existing == null ? e : e.with("existingId", existing);
    }
}
