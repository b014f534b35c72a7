package org.yimeng.volunteer.imports;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.yimeng.model.Masking;
import org.yimeng.volunteer.config.ProgrammeConfig;
import org.yimeng.volunteer.household.HouseholdCategory;
import org.yimeng.volunteer.scope.Scope;
import org.yimeng.volunteer.support.Where;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Exports of households, volunteers, pairings and service records, narrowed to the caller's scope and filters. The
 * households and volunteers exports have exactly the import templates' columns, so an export can be edited and
 * uploaded again (masked numbers then count as not given, and rows already registered are skipped). Phones and ID
 * numbers are masked for every role, as in the JSON API. Rows are read in keyset batches of 1,000, each batch in
 * its own short transaction, and written as they come.
 */
@ApplicationScoped
public class ExportService {
    private static final int BATCH = 1000;

    @Inject
    EntityManager em;

    @Inject
    Scope scope;

    @Inject
    ProgrammeConfig config;

    /** What can be exported. */
    public enum Kind {
        HOUSEHOLDS("households", "困难家庭"), VOLUNTEERS("volunteers", "志愿者"), PAIRINGS("pairings", "结对帮扶"),
        SERVICE_RECORDS("service-records", "志愿服务记录");

        final String path;
        final String title;

        Kind(String path, String title) {
            this.path = path;
            this.title = title;
        }

        static Kind of(String path) {
            for (Kind k : values()) {
                if (k.path.equals(path)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The filters of an export; null means not filtered. */
    public record Filters(UUID communityId, UUID gridId, String status, UUID volunteerId, LocalDate from, LocalDate to) {
    }

    /** A prepared export: the query (scope applied now, in the request) and how to turn a row into cells. */
    public record Plan(Kind kind, List<String> headers, String select, Where where, String idColumn,
            Function<Object[], List<Object>> cells) {
    }

    public Plan plan(Kind kind, Filters f) {
        Where w = new Where();
        return switch (kind) {
            case HOUSEHOLDS -> {
                w.andIf(f.communityId(), "h.community_id = :community", "community").andIf(f.gridId(), "h.grid_id = :grid", "grid");
                scope.restrict(w, "h.county_code", "h.community_id", "h.grid_id");
                yield new Plan(kind, Template.HOUSEHOLDS.headers(), "SELECT h.id, c.name, g.name, h.head_name, "
                        + "h.head_id_number, h.phone, h.address, h.member_count, array_to_string(h.categories, ',') "
                        + "FROM household h JOIN community c ON c.id = h.community_id LEFT JOIN grid g ON g.id = h.grid_id",
                        w, "h.id", r -> cells(r[1], r[2], r[3], Masking.idNumber((String) r[4]), Masking.phone((String) r[5]),
                                r[6], r[7], categories((String) r[8])));
            }
            case VOLUNTEERS -> {
                w.andIf(f.communityId(), "v.community_id = :community", "community").andIf(f.gridId(), "v.grid_id = :grid", "grid")
                        .andIf(f.status(), "v.status = :status", "status");
                scope.restrict(w, "v.county_code", "v.community_id", "v.grid_id");
                yield new Plan(kind, Template.VOLUNTEERS.headers(), "SELECT v.id, c.name, g.name, v.name, v.phone, "
                        + "v.id_number, v.gender, to_char(v.birth_date, 'YYYY-MM-DD'), array_to_string(v.skills, '、') "
                        + "FROM volunteer v JOIN community c ON c.id = v.community_id LEFT JOIN grid g ON g.id = v.grid_id",
                        w, "v.id", r -> cells(r[1], r[2], r[3], Masking.phone((String) r[4]), Masking.idNumber((String) r[5]),
                                r[6] == null ? null : "MALE".equals(r[6]) ? "男" : "女", r[7], r[8], "是"));
            }
            case PAIRINGS -> {
                w.andIf(f.communityId(), "p.community_id = :community", "community").andIf(f.gridId(), "h.grid_id = :grid", "grid")
                        .andIf(f.status(), "p.status = :status", "status");
                scope.restrict(w, "h.county_code", "p.community_id", "h.grid_id");
                w.with("zone", config.zone().getId()); // the programme's calendar, as everywhere else
                String member = "(SELECT %s FROM pairing_member pm JOIN volunteer v ON v.id = pm.volunteer_id "
                        + "WHERE pm.pairing_id = p.id AND pm.slot = %d AND (pm.left_at IS NULL OR pm.left_reason = "
                        + "'PAIRING_ENDED') ORDER BY pm.joined_at DESC LIMIT 1)";
                yield new Plan(kind, List.of("社区", "网格", "户主姓名", "家庭住址", "志愿者1", "志愿者1手机号", "志愿者2",
                        "志愿者2手机号", "状态", "结对日期", "结束日期", "结束原因"), "SELECT p.id, c.name, g.name, h.head_name, "
                        + "h.address, " + member.formatted("v.name", 1) + ", " + member.formatted("v.phone", 1) + ", "
                        + member.formatted("v.name", 2) + ", " + member.formatted("v.phone", 2) + ", p.status, "
                        + "to_char(p.created_at AT TIME ZONE :zone, 'YYYY-MM-DD'), "
                        + "to_char(p.ended_at AT TIME ZONE :zone, 'YYYY-MM-DD'), p.end_reason "
                        + "FROM pairing p JOIN household h ON h.id = p.household_id JOIN community c ON c.id = p.community_id "
                        + "LEFT JOIN grid g ON g.id = h.grid_id", w, "p.id",
                        r -> cells(r[1], r[2], r[3], r[4], r[5], Masking.phone((String) r[6]), r[7],
                                Masking.phone((String) r[8]), "ACTIVE".equals(r[9]) ? "帮扶中" : "已结束", r[10], r[11], r[12]));
            }
            case SERVICE_RECORDS -> {
                w.andIf(f.communityId(), "sr.community_id = :community", "community").andIf(f.gridId(), "v.grid_id = :grid", "grid")
                        .andIf(f.volunteerId(), "sr.volunteer_id = :volunteer", "volunteer")
                        .andIf(f.from(), "sr.service_date >= :from", "from").andIf(f.to(), "sr.service_date < :to", "to");
                scope.restrict(w, "c.county_code", "sr.community_id", "v.grid_id");
                w.with("zone", config.zone().getId());
                yield new Plan(kind, List.of("志愿者姓名", "手机号", "服务日期", "开始时间", "结束时间", "服务时长(分钟)",
                        "服务地点", "服务内容", "来源", "社区", "确认人", "存疑"), "SELECT sr.id, v.name, v.phone, "
                        + "to_char(sr.service_date, 'YYYY-MM-DD'), "
                        + "to_char(sr.started_at AT TIME ZONE :zone, 'YYYY-MM-DD HH24:MI'), "
                        + "to_char(sr.ended_at AT TIME ZONE :zone, 'YYYY-MM-DD HH24:MI'), sr.minutes, sr.place, "
                        + "sr.content, sr.source_kind, c.name, sr.confirmed_by, sr.flagged FROM service_record sr "
                        + "JOIN volunteer v ON v.id = sr.volunteer_id JOIN community c ON c.id = sr.community_id", w, "sr.id",
                        r -> cells(r[1], Masking.phone((String) r[2]), r[3], r[4], r[5], r[6], r[7], r[8], source((String) r[9]),
                                r[10], r[11], Boolean.TRUE.equals(r[12]) ? "是" : "否"));
            }
        };
    }

    /** Writes the whole export, batch by batch. */
    public void write(Plan plan, FileFormat format, OutputStream out) {
        plan.where().and(plan.idColumn() + " > :after", "after", new UUID(0, 0));
        try (SheetWriter w = SheetWriter.open(format, out, plan.kind().title)) {
            w.row(plan.headers());
            UUID after = null;
            while (true) {
                List<Object[]> rows = batch(plan, after);
                for (Object[] r : rows) {
                    w.row(plan.cells().apply(r));
                }
                if (rows.size() < BATCH) {
                    return;
                }
                after = (UUID) rows.get(rows.size() - 1)[0];
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> batch(Plan plan, UUID after) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = plan.where().bind(em.createNativeQuery(plan.select() + plan.where().sql() + " ORDER BY "
                    + plan.idColumn()));
            if (after != null) {
                q.setParameter("after", after);
            } else {
                // PostgreSQL compares uuids as unsigned bytes: the all-zero uuid is the smallest
                q.setParameter("after", new UUID(0, 0));
            }
            return q.setMaxResults(BATCH).getResultList();
        });
    }

    private static List<Object> cells(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private static String categories(String names) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        return String.join("、", Arrays.stream(names.split(",")).map(n -> HouseholdRows.label(HouseholdCategory.valueOf(n)))
                .toList());
    }

    private static String source(String kind) {
        return switch (kind) {
            case "VISIT" -> "入户走访";
            case "ACTIVITY" -> "志愿活动";
            case "WISH" -> "微心愿";
            default -> kind;
        };
    }
}
