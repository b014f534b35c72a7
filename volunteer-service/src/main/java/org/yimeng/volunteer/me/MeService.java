package org.yimeng.volunteer.me;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import org.yimeng.kit.page.Page;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Ids;
import org.yimeng.volunteer.audit.AuditTrail;
import org.yimeng.volunteer.certificate.CertificateResponse;
import org.yimeng.volunteer.certificate.CertificateService;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.household.HouseholdService;
import org.yimeng.volunteer.identity.IdNumber;
import org.yimeng.volunteer.place.Community;
import org.yimeng.volunteer.place.PlaceService;
import org.yimeng.volunteer.servicerecord.ServiceStats;
import org.yimeng.volunteer.support.Constraints;
import org.yimeng.volunteer.support.Locks;
import org.yimeng.volunteer.support.ReadTx;
import org.yimeng.volunteer.support.Text;
import org.yimeng.volunteer.volunteer.Gender;
import org.yimeng.volunteer.volunteer.Volunteer;
import org.yimeng.volunteer.volunteer.VolunteerResponse;
import org.yimeng.volunteer.volunteer.VolunteerService;
import org.yimeng.volunteer.volunteer.VolunteerStatus;
import org.yimeng.volunteer.wish.PublicWishResponse;
import org.yimeng.volunteer.wish.WishService;
import org.yimeng.volunteer.wish.WishStatus;

/**
 * The caller's own record: self-registration (linking a worker's record of the same phone), the "me" summary,
 * changes, withdrawal of consent, the certificate and the wishes of their community. Nothing here takes an id from
 * the request: the caller is {@link CurrentVolunteer}.
 */
@ApplicationScoped
@Transactional
public class MeService {
    @Inject
    EntityManager em;

    @Inject
    CurrentVolunteer current;

    @Inject
    PlaceService places;

    @Inject
    VolunteerService volunteers;

    @Inject
    ServiceStats stats;

    @Inject
    BusinessClock clock;

    @Inject
    ProgrammeConfig config;

    @Inject
    AuditTrail audit;

    @Inject
    CertificateService certificates;

    @Inject
    WishService wishes;

    /** A registration's outcome: the record, and whether it was created (201) or a worker's record linked (200). */
    public record Registration(VolunteerResponse volunteer, boolean created) {
    }

    public Registration register(SelfRegistrationRequest r) {
        if (r.phone() != null) {
            throw ApiException.invalid("phone", "must not be sent: the phone comes from the identity provider's token");
        }
        if (!Boolean.TRUE.equals(r.consent())) {
            throw new ApiException(ErrorCode.CONSENT_REQUIRED, "Registration needs your explicit consent")
                    .with("violations", List.of(new Problem.Violation("consent", "must be true")));
        }
        String subject = current.subject();
        String phone = current.verifiedPhone();
        LocalDate today = clock.today();
        String idNumber = r.idNumber() == null || r.idNumber().isBlank() ? null : IdNumber.normalise(r.idNumber());
        LocalDate birthDate = r.birthDate();
        Gender gender = r.gender();
        if (idNumber != null) {
            VolunteerService.requireValidIdNumber("idNumber", idNumber, today);
            LocalDate encoded = IdNumber.birthDate(idNumber);
            if (birthDate != null && !birthDate.equals(encoded)) {
                throw ApiException.invalid("birthDate", "does not match the ID number");
            }
            birthDate = encoded;
            if (gender == null) {
                gender = (idNumber.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
            }
        }
        if (birthDate != null && birthDate.isAfter(today)) {
            throw ApiException.invalid("birthDate", "must not be in the future");
        }
        Community community = places.requireCommunity(r.communityId());
        if (r.gridId() != null) {
            places.requireGrid(r.gridId(), community.id);
        }

        // the same keys worker registration locks (phone, ID number), so a worker and the resident registering the
        // same person queue on each other; the subject's key serialises one resident's own retries
        Locks.lock(em, "volunteer-phone|" + phone, "volunteer-id|" + (idNumber == null ? "" : idNumber),
                "volunteer-subject|" + subject);
        if (Volunteer.count("subject", subject) > 0) {
            throw alreadyRegistered();
        }
        if (idNumber != null) {
            Volunteer holder = Volunteer.<Volunteer>find("idNumber", idNumber).firstResult();
            if (holder != null && !phone.equals(holder.phone)) {
                throw duplicateIdNumber();
            }
        }
        Instant now = clock.now();
        Volunteer same = Volunteer.<Volunteer>find("phone", phone).firstResult();
        if (same != null) {
            return new Registration(link(same, subject, r, idNumber, gender, birthDate, now), false);
        }
        Volunteer v = new Volunteer();
        v.id = Ids.newId();
        v.countyCode = community.countyCode;
        v.communityId = community.id;
        v.gridId = r.gridId();
        v.name = Text.clean(r.name());
        v.phone = phone;
        v.idNumber = idNumber;
        v.gender = gender;
        v.birthDate = birthDate;
        v.skills = skills(r.skills());
        v.status = VolunteerStatus.ACTIVE;
        v.subject = subject;
        v.consentAt = now;
        v.createdAt = now;
        v.updatedAt = now;
        v.persist();
        Constraints.flush(em, constraintErrors());
        List<String> given = new ArrayList<>(List.of("name", "phone", "communityId", "consent", "subject"));
        addIf(given, idNumber != null, "idNumber");
        addIf(given, gender != null, "gender");
        addIf(given, birthDate != null, "birthDate");
        addIf(given, r.gridId() != null, "gridId");
        addIf(given, r.skills() != null, "skills");
        audit.record(AuditTrail.Action.CREATE, AuditTrail.EntityType.VOLUNTEER, v.id, given);
        return new Registration(volunteers.responses(List.of(v)).get(0), true);
    }

    /**
     * Links a record a worker made for the same phone: the worker's record stays as it is, the body fills only what
     * it lacks (an ID number, gender, birth date, a grid of the record's own community, skills).
     */
    private VolunteerResponse link(Volunteer same, String subject, SelfRegistrationRequest r, String idNumber,
            Gender gender, LocalDate birthDate, Instant now) {
        if (same.subject != null) {
            // the phone's record belongs to another account of the identity provider: say nothing about it
            throw new ApiException(ErrorCode.DUPLICATE_VOLUNTEER, "A volunteer with this phone is already registered")
                    .with("field", "phone");
        }
        Volunteer v = em.find(Volunteer.class, same.id, LockModeType.PESSIMISTIC_WRITE);
        List<String> filled = new ArrayList<>(List.of("subject"));
        v.subject = subject;
        if (v.idNumber == null && idNumber != null) {
            v.idNumber = idNumber;
            filled.add("idNumber");
        }
        if (v.gender == null && gender != null && (v.idNumber == null || v.idNumber.equals(idNumber))) {
            v.gender = gender;
            filled.add("gender");
        }
        if (v.birthDate == null && birthDate != null && (v.idNumber == null || v.idNumber.equals(idNumber))) {
            v.birthDate = birthDate;
            filled.add("birthDate");
        }
        if (v.gridId == null && r.gridId() != null && r.communityId().equals(v.communityId)) {
            v.gridId = r.gridId();
            filled.add("gridId");
        }
        if ((v.skills == null || v.skills.length == 0) && r.skills() != null && !r.skills().isEmpty()) {
            v.skills = skills(r.skills());
            filled.add("skills");
        }
        v.updatedAt = now;
        Constraints.flush(em, constraintErrors());
        audit.record(AuditTrail.Action.UPDATE, AuditTrail.EntityType.VOLUNTEER, v.id, filled);
        return volunteers.responses(List.of(v)).get(0);
    }

    /** GET /me: a handful of indexed queries whatever the person's history. */
    @Transactional // one read transaction (see ReadTx)
    @SuppressWarnings("unchecked")
    public MeResponse me() {
        ReadTx.readOnly(em);
        Volunteer v = requireMe();
        VolunteerResponse record = volunteers.responses(List.of(v)).get(0);
        long goal = config.service().weeklyGoalMinutes();
        LocalDate monday = clock.weekStart();

        Map<LocalDate, Long> weeks = new HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT CAST(date_trunc('week', service_date) AS date), "
                + "sum(minutes) FROM service_record WHERE volunteer_id = ?1 AND confirmed_by IS NOT NULL "
                + "AND service_date < ?2 GROUP BY 1").setParameter(1, v.id).setParameter(2, monday.plusDays(7))
                .getResultList()) {
            weeks.put(toDate(row[0]), ((Number) row[1]).longValue());
        }
        int streak = GoalStreak.weeks(weeks, monday, goal);

        Instant now = clock.now();
        List<MeResponse.UpcomingSignup> signups = new ArrayList<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT a.id, a.title, a.place, a.starts_at, "
                + "a.ends_at, a.status, s.checked_in_at FROM activity_signup s JOIN activity a ON a.id = s.activity_id "
                + "WHERE s.volunteer_id = ?1 AND s.ends_at > ?2 ORDER BY s.starts_at, a.id")
                .setParameter(1, v.id).setParameter(2, now).getResultList()) {
            signups.add(new MeResponse.UpcomingSignup((UUID) row[0], (String) row[1], (String) row[2],
                    toInstant(row[3]), toInstant(row[4]), (String) row[5], toInstant(row[6])));
        }

        List<MeResponse.ServedPairing> pairings = new ArrayList<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT p.id, p.household_id, h.address, p.created_at, "
                + "(SELECT max(x.visited_on) FROM visit x WHERE x.pairing_id = p.id) "
                + "FROM pairing_member m JOIN pairing p ON p.id = m.pairing_id JOIN household h ON h.id = p.household_id "
                + "WHERE m.volunteer_id = ?1 AND m.left_at IS NULL AND p.status = 'ACTIVE' ORDER BY p.created_at, p.id")
                .setParameter(1, v.id).getResultList()) {
            pairings.add(new MeResponse.ServedPairing((UUID) row[0], (UUID) row[1], (String) row[2], toInstant(row[3]),
                    row[4] == null ? null : toDate(row[4])));
        }

        List<MeResponse.ClaimedWish> claimed = new ArrayList<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT w.id, w.title, w.description, w.claimed_at, "
                + "w.household_id, h.address FROM wish w JOIN household h ON h.id = w.household_id "
                + "WHERE w.claimant_id = ?1 AND w.status = 'CLAIMED' ORDER BY w.claimed_at, w.id")
                .setParameter(1, v.id).getResultList()) {
            claimed.add(new MeResponse.ClaimedWish((UUID) row[0], (String) row[1], (String) row[2], toInstant(row[3]),
                    (UUID) row[4], (String) row[5]));
        }

        audit.record(AuditTrail.Action.READ, AuditTrail.EntityType.VOLUNTEER, v.id, VolunteerService.SHOWN);
        LinkedHashSet<UUID> households = new LinkedHashSet<>();
        pairings.forEach(p -> households.add(p.householdId()));
        claimed.forEach(w -> households.add(w.householdId()));
        if (!households.isEmpty()) {
            audit.recordList(AuditTrail.EntityType.HOUSEHOLD, List.copyOf(households), List.of("address"));
        }
        return new MeResponse(record, record.totalMinutes(), record.starLevel(), record.weekMinutes(),
                Math.max(0, goal - record.weekMinutes()), record.weeklyGoalMet(), streak, signups, pairings, claimed);
    }

    public VolunteerResponse update(UpdateMeRequest r) {
        Volunteer v = em.find(Volunteer.class, current.id(), LockModeType.PESSIMISTIC_WRITE);
        if (v == null || v.erasedAt != null) {
            throw notRegistered();
        }
        List<String> changed = new ArrayList<>();
        if (r.name() != null) {
            v.name = Text.clean(r.name());
            changed.add("name");
        }
        if (r.gridId() != null && !r.gridId().equals(v.gridId)) {
            places.requireGrid(r.gridId(), v.communityId);
            v.gridId = r.gridId();
            changed.add("gridId");
        }
        if (r.skills() != null) {
            v.skills = skills(r.skills());
            changed.add("skills");
        }
        v.updatedAt = clock.now();
        em.flush();
        audit.record(AuditTrail.Action.UPDATE, AuditTrail.EntityType.VOLUNTEER, v.id, changed);
        return volunteers.responses(List.of(v)).get(0);
    }

    /**
     * Withdrawal of consent (个人信息保护法 §15, §47): the person is erased as households are. The row stays so that
     * service records keep counting and pairings keep their history; name becomes {@link HouseholdService#ERASED},
     * phone, ID number, gender, birth date and skills go, the record is SUSPENDED (no new pairing takes it; staff
     * replace it in its pairings), the link to the token's sub is removed, future sign-ups not yet attended are
     * released and claimed wishes reopened, stored idempotent responses that held the record are dropped.
     */
    public WithdrawalResponse withdraw() {
        Volunteer v = em.find(Volunteer.class, current.id(), LockModeType.PESSIMISTIC_WRITE);
        if (v == null || v.erasedAt != null) {
            throw notRegistered();
        }
        Instant now = clock.now();
        String subject = v.subject;
        v.name = HouseholdService.ERASED;
        v.phone = null;
        v.idNumber = null;
        v.gender = null;
        v.birthDate = null;
        v.skills = new String[0];
        v.status = VolunteerStatus.SUSPENDED;
        v.subject = null;
        v.erasedAt = now;
        v.updatedAt = now;
        em.flush();
        em.createNativeQuery("UPDATE activity a SET signups = a.signups - 1, updated_at = ?2 FROM activity_signup s "
                + "WHERE s.activity_id = a.id AND s.volunteer_id = ?1 AND s.starts_at > ?2 AND s.checked_in_at IS NULL")
                .setParameter(1, v.id).setParameter(2, now).executeUpdate();
        em.createNativeQuery("DELETE FROM activity_signup WHERE volunteer_id = ?1 AND starts_at > ?2 "
                + "AND checked_in_at IS NULL").setParameter(1, v.id).setParameter(2, now).executeUpdate();
        em.createNativeQuery("UPDATE wish SET status = 'OPEN', claimant_id = NULL, claimed_at = NULL, updated_at = ?2 "
                + "WHERE claimant_id = ?1 AND status = 'CLAIMED'").setParameter(1, v.id).setParameter(2, now)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM kit_idempotency WHERE (scope = 'volunteers' OR scope = ?2) "
                + "AND response_body LIKE ?1").setParameter(1, "%" + v.id + "%")
                .setParameter(2, registrationScope(subject == null ? "" : subject)).executeUpdate();
        audit.record(AuditTrail.Action.ERASE, AuditTrail.EntityType.VOLUNTEER, v.id,
                List.of("name", "phone", "idNumber", "gender", "birthDate", "skills", "subject"));
        return new WithdrawalResponse(v.id, now);
    }

    public CertificateResponse certificate() {
        requireMe();
        return certificates.issue(current.id());
    }

    /** The open wishes of the caller's community, as anyone may see them (no household details). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PublicWishResponse> wishes(Integer limit, String cursor) {
        Volunteer v = requireMe();
        return wishes.list(v.communityId, WishStatus.OPEN, limit, cursor);
    }

    /** The idempotency scope of one resident's registrations: keys of different residents never meet. */
    public static String registrationScope(String subject) {
        return "me-volunteer|" + subject;
    }

    private Volunteer requireMe() {
        Volunteer v = Volunteer.findById(current.id());
        if (v == null || v.erasedAt != null) {
            throw notRegistered();
        }
        return v;
    }

    private static ApiException notRegistered() {
        return new ApiException(ErrorCode.NOT_REGISTERED, "You are not registered as a volunteer");
    }

    private static ApiException alreadyRegistered() {
        return new ApiException(ErrorCode.ALREADY_REGISTERED, "Your account is already linked to a volunteer record");
    }

    /** Names no record and no field value: the ID number belongs to someone else. */
    private static ApiException duplicateIdNumber() {
        return new ApiException(ErrorCode.DUPLICATE_VOLUNTEER, "This ID number is registered with another phone")
                .with("field", "idNumber");
    }

    private static Map<String, java.util.function.Supplier<ApiException>> constraintErrors() {
        return Map.of("volunteer_subject_key", MeService::alreadyRegistered,
                "volunteer_phone_key", () -> new ApiException(ErrorCode.DUPLICATE_VOLUNTEER,
                        "A volunteer with this phone is already registered").with("field", "phone"),
                "volunteer_id_number_key", MeService::duplicateIdNumber);
    }

    private static void addIf(List<String> fields, boolean condition, String field) {
        if (condition) {
            fields.add(field);
        }
    }

    private static String[] skills(Collection<String> skills) {
        if (skills == null) {
            return new String[0];
        }
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String s : skills) {
            clean.add(Text.clean(s));
        }
        return clean.toArray(String[]::new);
    }

    private static Instant toInstant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((Timestamp) o).toInstant();
    }

    private static LocalDate toDate(Object o) {
        return o instanceof LocalDate d ? d : ((java.sql.Date) o).toLocalDate();
    }
}
