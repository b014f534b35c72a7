package org.yimeng.volunteer.audit;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.yimeng.kit.auth.Caller;
import org.yimeng.kit.page.Cursor;
import org.yimeng.kit.page.Page;
import org.yimeng.model.Ids;
import org.yimeng.volunteer.config.BusinessClock;
import org.yimeng.volunteer.support.Where;

/**
 * The audit trail of personal data (个人信息保护法): who read or changed which household or volunteer, when, in which
 * role and scope, and which fields — never their values. A change is recorded in the transaction of the change, so
 * neither exists without the other; a read joins the read's transaction or, when there is none, commits on its own
 * before the data leaves the service.
 */
@ApplicationScoped
public class AuditTrail {
    public enum Action {
        READ, LIST, CREATE, UPDATE, ERASE,
        /** A phone shown in full to staff who asked for it with a reason (the contact operations). */
        REVEAL
    }

    public enum EntityType {
        HOUSEHOLD, VOLUNTEER
    }

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    BusinessClock clock;

    /** One event about one record. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(Action action, EntityType type, UUID id, Collection<String> fields) {
        insert(action, type, id, List.of(), fields, null);
    }

    /**
     * A REVEAL of one record's fields with the reason the caller gave; it must join the transaction of the read that
     * reveals, so that no number leaves the service unrecorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordReveal(EntityType type, UUID id, Collection<String> fields, String reason) {
        insert(Action.REVEAL, type, id, List.of(), fields, reason);
    }

    /** One event for a list call, naming every record it showed; an empty page is not personal data. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void recordList(EntityType type, List<UUID> ids, Collection<String> fields) {
        if (!ids.isEmpty()) {
            insert(Action.LIST, type, null, ids, fields, null);
        }
    }

    /**
     * Plain JDBC on the transaction's own connection: the row commits or rolls back with the read or change it
     * records, and Hibernate neither interprets the statement nor flushes the session before it (it was the costliest
     * statement of a read in the mix profile).
     */
    private void insert(Action action, EntityType type, UUID id, List<UUID> ids, Collection<String> fields,
            String reason) {
        UUID eventId = Ids.newId();
        Timestamp at = Timestamp.from(clock.now());
        String actor = caller.subject() == null ? "anonymous" : caller.subject();
        String role = caller.role().map(Enum::name).orElse("NONE");
        String county = caller.county().orElse(null);
        UUID community = caller.community().orElse(null);
        UUID grid = caller.grid().orElse(null);
        UUID volunteer = caller.volunteer().orElse(null);
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (id, at, actor, role, scope_county, "
                    + "scope_community, scope_grid, scope_volunteer, action, entity_type, entity_id, entity_ids, fields, "
                    + "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, eventId);
                ps.setTimestamp(2, at);
                ps.setString(3, actor);
                ps.setString(4, role);
                ps.setString(5, county);
                ps.setObject(6, community, Types.OTHER);
                ps.setObject(7, grid, Types.OTHER);
                ps.setObject(8, volunteer, Types.OTHER);
                ps.setString(9, action.name());
                ps.setString(10, type.name());
                ps.setObject(11, id, Types.OTHER);
                ps.setArray(12, c.createArrayOf("uuid", ids.toArray()));
                ps.setArray(13, c.createArrayOf("text", fields.toArray()));
                ps.setString(14, reason);
                ps.executeUpdate();
            }
        });
    }

    /** Events matching the filters, oldest first, keyset by id (UUIDv7, so creation order). */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public Page<AuditEventResponse> query(EntityType type, UUID entityId, String actor, Instant from, Instant to,
            Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        Where where = new Where()
                .andIf(type == null ? null : type.name(), "entity_type = :type", "type")
                .andIf(entityId, "(entity_id = :entity OR entity_ids @> ARRAY[CAST(:entity AS uuid)])", "entity")
                .andIf(actor, "actor = :actor", "actor")
                .andIf(from == null ? null : Timestamp.from(from), "at >= :from", "from")
                .andIf(to == null ? null : Timestamp.from(to), "at < :to", "to")
                .andIf(Cursor.decodeId(cursor), "id > :after", "after");
        List<Object[]> rows = where.bind(em.createNativeQuery("SELECT id, at, actor, role, scope_county, "
                + "scope_community, scope_grid, scope_volunteer, action, entity_type, entity_id, "
                + "array_to_string(entity_ids, ','), array_to_string(fields, ','), reason FROM audit_event" + where.sql()
                + " ORDER BY id")).setMaxResults(n + 1).getResultList();
        List<AuditEventResponse> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(n, rows.size()))) {
            items.add(new AuditEventResponse((UUID) r[0], instant(r[1]), (String) r[2], (String) r[3],
                    new AuditEventResponse.ScopeClaims((String) r[4], (UUID) r[5], (UUID) r[6], (UUID) r[7]),
                    Action.valueOf((String) r[8]), EntityType.valueOf((String) r[9]), (UUID) r[10],
                    split((String) r[11]).stream().map(UUID::fromString).toList(), split((String) r[12]),
                    (String) r[13]));
        }
        return new Page<>(items, rows.size() > n ? Cursor.encodeId(items.get(n - 1).id()) : null);
    }

    private static Instant instant(Object o) {
        return o instanceof Instant i ? i : o instanceof Timestamp t ? t.toInstant()
                : o instanceof java.time.OffsetDateTime odt ? odt.toInstant() : Instant.parse(o.toString());
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
    }
}
