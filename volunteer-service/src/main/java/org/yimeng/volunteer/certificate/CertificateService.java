package org.yimeng.volunteer.certificate;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.error.ApiException;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.Masking;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.servicerecord.ServiceRecordResource;
import org.yimeng.volunteer.volunteer.Volunteer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issues certificates of confirmed service and verifies them by code. A certificate is a frozen snapshot: asking
 * again while nothing changed returns the same one; once new service is confirmed, a new one with a new code.
 */
@ApplicationScoped
@Transactional
public class CertificateService {
    /** Crockford base32 (no I, L, O, U): 16 characters carry 80 random bits, unguessable and easy to read out. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    Caller caller;

    @Inject
    BusinessClock clock;

    @Inject
    ObjectMapper mapper;

    @SuppressWarnings("unchecked")
    public CertificateResponse issue(UUID volunteerId) {
        Volunteer v = ServiceRecordResource.requireReader(scope, volunteerId);
        List<Object[]> rows = em.createNativeQuery("""
                SELECT r.service_date, r.started_at, r.ended_at, r.minutes, r.content, r.place,
                       k.name || c.name, r.source_kind
                FROM service_record r JOIN community c ON c.id = r.community_id JOIN county k ON k.code = c.county_code
                WHERE r.volunteer_id = ?1 AND r.confirmed_by IS NOT NULL
                ORDER BY r.service_date, r.started_at NULLS FIRST, r.id""").setParameter(1, v.id).getResultList();
        if (rows.isEmpty()) {
            // a certificate of no service certifies nothing: no code is issued (api.md)
            throw new ApiException(ErrorCode.NO_SERVICE_RECORDS, "The volunteer has no confirmed service records");
        }
        List<CertificateResponse.Entry> records = new ArrayList<>(rows.size());
        long total = 0;
        for (Object[] r : rows) {
            int minutes = ((Number) r[3]).intValue();
            total += minutes;
            records.add(new CertificateResponse.Entry(toDate(r[0]), toInstant(r[1]), toInstant(r[2]), minutes,
                    (String) r[4], (String) r[5], (String) r[6], (String) r[7]));
        }
        List<Object[]> latest = em.createNativeQuery("SELECT snapshot, total_minutes, record_count FROM certificate "
                + "WHERE volunteer_id = ?1 ORDER BY issued_at DESC LIMIT 1").setParameter(1, v.id).getResultList();
        if (!latest.isEmpty() && ((Number) latest.get(0)[1]).longValue() == total
                && ((Number) latest.get(0)[2]).intValue() == records.size()) {
            return withHolder(read((String) latest.get(0)[0]), v);
        }
        String organisation = (String) em.createNativeQuery("SELECT k.name || c.name FROM community c "
                + "JOIN county k ON k.code = c.county_code WHERE c.id = ?1").setParameter(1, v.communityId)
                .getSingleResult();
        Instant now = clock.now();
        CertificateResponse doc = new CertificateResponse(new CertificateResponse.Holder(null, v.name, null), total,
                records.size(), records, organisation, newCode(), now);
        em.createNativeQuery("INSERT INTO certificate (code, volunteer_id, total_minutes, record_count, snapshot, "
                + "issued_by, issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, doc.verificationCode()).setParameter(2, v.id).setParameter(3, total)
                .setParameter(4, records.size()).setParameter(5, write(doc.publicView()))
                .setParameter(6, caller.subject()).setParameter(7, now).executeUpdate();
        return withHolder(doc, v);
    }

    /** Anyone may verify a code; the answer is the public view, or 404 CERTIFICATE_NOT_FOUND. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CertificateResponse verify(String code) {
        String normalised = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        List<?> found = normalised.matches("[0-9A-Z]{16}")
                ? em.createNativeQuery("SELECT snapshot FROM certificate WHERE code = ?1").setParameter(1, normalised)
                        .getResultList()
                : List.of();
        if (found.isEmpty()) {
            throw new ApiException(ErrorCode.CERTIFICATE_NOT_FOUND, "No certificate has this verification code");
        }
        return read((String) found.get(0)).publicView();
    }

    private static CertificateResponse withHolder(CertificateResponse doc, Volunteer v) {
        return new CertificateResponse(new CertificateResponse.Holder(v.id, v.name, Masking.idNumber(v.idNumber)),
                doc.totalMinutes(), doc.recordCount(), doc.records(), doc.recordingOrganisation(),
                doc.verificationCode(), doc.issuedAt());
    }

    static String newCode() {
        char[] c = new char[16];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    private String write(CertificateResponse doc) {
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private CertificateResponse read(String json) {
        try {
            return mapper.readValue(json, CertificateResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored certificate unreadable", e);
        }
    }

    private static LocalDate toDate(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    private static Instant toInstant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return (Instant) o;
    }
}
