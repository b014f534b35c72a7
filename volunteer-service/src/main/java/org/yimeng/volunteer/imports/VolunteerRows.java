package org.yimeng.volunteer.imports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.identity.IdNumber;
import org.yimeng.volunteer.imports.RowContext.Item;
import org.yimeng.volunteer.volunteer.CreateVolunteerRequest;
import org.yimeng.volunteer.volunteer.Gender;
import org.yimeng.volunteer.volunteer.VolunteerService;

/** Rows of the volunteers template (志愿者花名册): each becomes a POST /api/v1/volunteers. */
@ApplicationScoped
class VolunteerRows extends RowRules<CreateVolunteerRequest> {
    private static final Map<String, String> FIELDS = Map.of("communityId", "community", "gridId", "grid",
            "skills[]", "skills");

    @Inject
    EntityManager em;

    @Inject
    VolunteerService volunteers;

    @Override
    void parse(Item<CreateVolunteerRequest> item, RowContext ctx) {
        checkCommunity(item, ctx);
        UUID grid = grid(item, ctx);
        String id = idNumber(item, ctx, "idNumber", false);
        String phone = phone(item, ctx, "phone", false);
        Gender gender = null;
        String g = cell(item, ctx, "gender");
        if (g != null) {
            gender = switch (g.toUpperCase(java.util.Locale.ROOT)) {
                case "男", "M", "MALE" -> Gender.MALE;
                case "女", "F", "FEMALE" -> Gender.FEMALE;
                default -> null;
            };
            if (gender == null) {
                error(item, ctx, "gender", ErrorCode.VALIDATION_FAILED.name(), "性别须为“男”或“女”");
            }
        }
        LocalDate birth = null;
        String b = cell(item, ctx, "birthDate");
        if (b != null) {
            birth = Cells.date(b);
            if (birth == null) {
                error(item, ctx, "birthDate", ErrorCode.VALIDATION_FAILED.name(), "无法识别的日期“" + b + "”");
            } else if (birth.isAfter(ctx.today)) {
                error(item, ctx, "birthDate", ErrorCode.VALIDATION_FAILED.name(), "出生日期不能晚于今天");
            } else if (id != null && !birth.equals(IdNumber.birthDate(id))) {
                error(item, ctx, "birthDate", ErrorCode.VALIDATION_FAILED.name(), "出生日期与身份证号不符");
            }
        }
        Boolean consent = null;
        String c = cell(item, ctx, "consent");
        if (c != null) {
            consent = switch (c.toUpperCase(java.util.Locale.ROOT)) {
                case "是", "同意", "Y", "YES", "TRUE", "1" -> Boolean.TRUE;
                case "否", "不同意", "N", "NO", "FALSE", "0" -> Boolean.FALSE;
                default -> null;
            };
            if (consent == null) {
                error(item, ctx, "consent", ErrorCode.VALIDATION_FAILED.name(), "同意登记须为“是”或“否”");
            } else if (!consent) {
                error(item, ctx, "consent", ErrorCode.CONSENT_REQUIRED.name(), "未同意登记的志愿者不能导入");
            }
        }
        CreateVolunteerRequest r = new CreateVolunteerRequest(cell(item, ctx, "name"), phone, id, gender, birth,
                ctx.community.id, grid, Cells.list(cell(item, ctx, "skills")), consent);
        validate(item, ctx, r, FIELDS);
        item.value = r;
    }

    @Override
    List<String> keys(CreateVolunteerRequest r) {
        List<String> keys = new ArrayList<>(2);
        keys.add("phone|" + r.phone());
        if (r.idNumber() != null) {
            keys.add("id|" + r.idNumber());
        }
        return keys;
    }

    @Override
    String duplicateCode() {
        return ErrorCode.DUPLICATE_VOLUNTEER.name();
    }

    @Override
    @SuppressWarnings("unchecked")
    void checkDatabase(List<Item<CreateVolunteerRequest>> items, RowContext ctx) {
        List<String> phones = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Item<CreateVolunteerRequest> i : items) {
            phones.add(i.value.phone());
            if (i.value.idNumber() != null) {
                ids.add(i.value.idNumber());
            }
        }
        Map<String, UUID> byPhone = new HashMap<>();
        Map<String, UUID> byId = new HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT phone, id_number, id FROM volunteer "
                + "WHERE phone IN (?1) OR id_number IN (?2)").setParameter(1, phones)
                .setParameter(2, ids.isEmpty() ? List.of("") : ids).getResultList()) {
            byPhone.put((String) row[0], (UUID) row[2]);
            if (row[1] != null) {
                byId.put((String) row[1], (UUID) row[2]);
            }
        }
        for (Item<CreateVolunteerRequest> i : items) {
            UUID same = byPhone.get(i.value.phone());
            String field = "手机号";
            if (same == null && i.value.idNumber() != null) {
                same = byId.get(i.value.idNumber());
                field = "身份证号";
            }
            if (same != null) {
                skip(i, duplicateCode(), "该" + field + "已登记为志愿者（" + same + "），本行不再导入");
            }
        }
    }

    @Override
    void commit(CreateVolunteerRequest r, RowContext ctx) {
        volunteers.register(r);
    }
}
