package org.yimeng.volunteer.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.household.AddressNormaliser;
import org.yimeng.volunteer.household.CreateSurveyRequest;
import org.yimeng.volunteer.household.HouseholdService;
import org.yimeng.volunteer.household.NeedType;
import org.yimeng.volunteer.imports.RowContext.Item;
import org.yimeng.volunteer.support.Text;

/**
 * Rows of the needs-survey template (需求摸底表): each row is one survey of a registered household with at most one
 * need (a survey that found nothing leaves the need empty) and becomes a POST /api/v1/households/{id}/surveys. The
 * household is found by the head's ID number, else by head name and address within the community.
 */
@ApplicationScoped
class SurveyRows extends RowRules<SurveyRows.SurveyRow> {
    static final Map<String, NeedType> NEEDS = new LinkedHashMap<>();

    static {
        NEEDS.put("生活照料", NeedType.DAILY_CARE);
        NEEDS.put("医疗", NeedType.MEDICAL);
        NEEDS.put("心理", NeedType.PSYCHOLOGICAL);
        NEEDS.put("家务", NeedType.HOUSEWORK);
        NEEDS.put("教育", NeedType.EDUCATION);
        NEEDS.put("就业", NeedType.EMPLOYMENT);
        NEEDS.put("法律", NeedType.LEGAL);
        NEEDS.put("其他", NeedType.OTHER);
        NEEDS.put("医疗健康", NeedType.MEDICAL);
        NEEDS.put("心理慰藉", NeedType.PSYCHOLOGICAL);
        NEEDS.put("心理疏导", NeedType.PSYCHOLOGICAL);
        NEEDS.put("家政", NeedType.HOUSEWORK);
        NEEDS.put("法律援助", NeedType.LEGAL);
        for (NeedType t : NeedType.values()) {
            NEEDS.put(t.name(), t);
        }
    }

    /** A survey row: the household reference and the request; {@code householdId} is resolved per batch. */
    static final class SurveyRow {
        final String headIdNumber;
        final String headName;
        final String normalisedAddress;
        final CreateSurveyRequest request;
        UUID householdId;

        SurveyRow(String headIdNumber, String headName, String normalisedAddress, CreateSurveyRequest request) {
            this.headIdNumber = headIdNumber;
            this.headName = headName;
            this.normalisedAddress = normalisedAddress;
            this.request = request;
        }

        String householdKey() {
            return headIdNumber != null ? "id|" + headIdNumber : "address|" + normalisedAddress + "|" + headName;
        }

        String surveyKey(UUID household) {
            var need = request.needs().isEmpty() ? null : request.needs().get(0);
            return household + "|" + request.surveyedOn() + "|" + request.surveyor() + "|"
                    + (need == null ? "" : need.type() + "|" + need.detail());
        }
    }

    private static final Map<String, String> FIELDS = Map.of("needs[].type", "needType", "needs[].detail", "needDetail",
            "needs", "needType");

    @Inject
    EntityManager em;

    @Inject
    HouseholdService households;

    @Override
    void parse(Item<SurveyRow> item, RowContext ctx) {
        checkCommunity(item, ctx);
        String id = idNumber(item, ctx, "headIdNumber", true);
        String name = Text.clean(cell(item, ctx, "headName"));
        String address = cell(item, ctx, "address");
        if (id == null && (name == null || address == null) && cell(item, ctx, "headIdNumber") == null) {
            error(item, ctx, "headName", ErrorCode.VALIDATION_FAILED.name(), "请填写户主身份证号，或户主姓名和家庭住址");
        }
        LocalDate on = null;
        String d = cell(item, ctx, "surveyedOn");
        if (d != null) {
            on = Cells.date(d);
            if (on == null) {
                error(item, ctx, "surveyedOn", ErrorCode.VALIDATION_FAILED.name(), "无法识别的日期“" + d + "”");
            } else if (on.isAfter(ctx.today)) {
                error(item, ctx, "surveyedOn", ErrorCode.VALIDATION_FAILED.name(), "调查日期不能晚于今天");
            }
        }
        List<CreateSurveyRequest.NeedRequest> needs = new ArrayList<>(1);
        String type = cell(item, ctx, "needType");
        String detail = Text.clean(cell(item, ctx, "needDetail"));
        if (type != null) {
            NeedType t = NEEDS.get(type);
            if (t == null) {
                error(item, ctx, "needType", ErrorCode.VALIDATION_FAILED.name(),
                        "未知的需求类型“" + type + "”，可填：生活照料、医疗、心理、家务、教育、就业、法律、其他");
            } else {
                needs.add(new CreateSurveyRequest.NeedRequest(t, detail));
            }
        } else if (detail != null) {
            error(item, ctx, "needType", ErrorCode.VALIDATION_FAILED.name(), "填写需求详情时须填写需求类型");
        }
        CreateSurveyRequest r = new CreateSurveyRequest(on, Text.clean(cell(item, ctx, "surveyor")), needs);
        validate(item, ctx, r, FIELDS);
        item.value = new SurveyRow(id, Text.key(name), address == null ? null : AddressNormaliser.normalise(address), r);
    }

    @Override
    List<String> keys(SurveyRow r) {
        return List.of(r.householdKey() + "|" + r.surveyKey(null));
    }

    @Override
    String duplicateCode() {
        return "DUPLICATE_SURVEY";
    }

    @Override
    @SuppressWarnings("unchecked")
    void checkDatabase(List<Item<SurveyRow>> items, RowContext ctx) {
        List<String> ids = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (Item<SurveyRow> i : items) {
            if (i.value.headIdNumber != null) {
                ids.add(i.value.headIdNumber);
            } else {
                addresses.add(i.value.normalisedAddress);
            }
        }
        // household reference → [id, community, grid]
        Map<String, Object[]> found = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT head_id_number, id, community_id, grid_id "
                    + "FROM household WHERE head_id_number IN (?1)").setParameter(1, ids).getResultList()) {
                found.put("id|" + row[0], new Object[] {row[1], row[2], row[3]});
            }
        }
        if (!addresses.isEmpty()) {
            for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT normalised_address, head_name, id, "
                    + "community_id, grid_id FROM household WHERE community_id = ?1 AND normalised_address IN (?2)")
                    .setParameter(1, ctx.community.id).setParameter(2, addresses).getResultList()) {
                found.put("address|" + row[0] + "|" + Text.key((String) row[1]), new Object[] {row[2], row[3], row[4]});
            }
        }
        List<Item<SurveyRow>> resolved = new ArrayList<>();
        for (Item<SurveyRow> i : items) {
            Object[] h = found.get(i.value.householdKey());
            String column = i.value.headIdNumber != null ? "headIdNumber" : "headName";
            if (h == null || !ctx.community.id.equals(h[1])) {
                error(i, ctx, column, "UNKNOWN_HOUSEHOLD", "本社区没有登记这户困难家庭：请先导入困难家庭");
            } else if (ctx.ownGrid() != null && !ctx.ownGrid().equals(h[2])) {
                error(i, ctx, column, ErrorCode.FORBIDDEN.name(), "这户困难家庭不在本人网格");
            } else {
                i.value.householdId = (UUID) h[0];
                resolved.add(i);
            }
        }
        if (resolved.isEmpty()) {
            return;
        }
        Set<String> existing = new HashSet<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT s.household_id, s.surveyed_on, s.surveyor, "
                + "n.type, n.detail FROM survey s LEFT JOIN survey_need n ON n.survey_id = s.id AND n.ordinal = 0 "
                + "WHERE s.household_id IN (?1)").setParameter(1, resolved.stream().map(i -> i.value.householdId).toList())
                .getResultList()) {
            LocalDate on = row[1] instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) row[1];
            existing.add(row[0] + "|" + on + "|" + row[2] + "|" + (row[3] == null ? "" : row[3] + "|" + row[4]));
        }
        for (Item<SurveyRow> i : resolved) {
            if (existing.contains(i.value.surveyKey(i.value.householdId))) {
                skip(i, duplicateCode(), "这次调查已登记，本行不再导入");
            }
        }
    }

    @Override
    void commit(SurveyRow r, RowContext ctx) {
        households.survey(r.householdId, r.request);
    }
}
