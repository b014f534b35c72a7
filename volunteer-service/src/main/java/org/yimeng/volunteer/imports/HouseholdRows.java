package org.yimeng.volunteer.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.yimeng.model.ErrorCode;
import org.yimeng.volunteer.household.AddressNormaliser;
import org.yimeng.volunteer.household.CreateHouseholdRequest;
import org.yimeng.volunteer.household.HouseholdCategory;
import org.yimeng.volunteer.household.HouseholdService;
import org.yimeng.volunteer.imports.RowContext.Item;
import org.yimeng.volunteer.support.Text;

/** Rows of the households template (困难家庭): each becomes a POST /api/v1/households. */
@ApplicationScoped
class HouseholdRows extends RowRules<CreateHouseholdRequest> {
    /** The Chinese labels of the categories as workers write them; the enum names are accepted too. */
    static final Map<String, HouseholdCategory> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("独居老人", HouseholdCategory.ELDERLY_ALONE);
        CATEGORIES.put("残疾", HouseholdCategory.DISABLED);
        CATEGORIES.put("低保", HouseholdCategory.LOW_INCOME);
        CATEGORIES.put("特困", HouseholdCategory.EXTREME_POVERTY);
        CATEGORIES.put("留守儿童", HouseholdCategory.LEFT_BEHIND_CHILD);
        CATEGORIES.put("大病", HouseholdCategory.SERIOUS_ILLNESS);
        CATEGORIES.put("其他", HouseholdCategory.OTHER);
        CATEGORIES.put("独居", HouseholdCategory.ELDERLY_ALONE);
        CATEGORIES.put("残疾人", HouseholdCategory.DISABLED);
        CATEGORIES.put("低保户", HouseholdCategory.LOW_INCOME);
        CATEGORIES.put("特困户", HouseholdCategory.EXTREME_POVERTY);
        CATEGORIES.put("特困人员", HouseholdCategory.EXTREME_POVERTY);
        CATEGORIES.put("重病", HouseholdCategory.SERIOUS_ILLNESS);
        CATEGORIES.put("大病重病", HouseholdCategory.SERIOUS_ILLNESS);
        for (HouseholdCategory c : HouseholdCategory.values()) {
            CATEGORIES.put(c.name(), c);
        }
    }

    /** The label an export writes for a category. */
    static String label(HouseholdCategory c) {
        return switch (c) {
            case ELDERLY_ALONE -> "独居老人";
            case DISABLED -> "残疾";
            case LOW_INCOME -> "低保";
            case EXTREME_POVERTY -> "特困";
            case LEFT_BEHIND_CHILD -> "留守儿童";
            case SERIOUS_ILLNESS -> "大病";
            case OTHER -> "其他";
        };
    }

    private static final Map<String, String> FIELDS = Map.of("communityId", "community", "gridId", "grid",
            "categories[]", "categories");

    @Inject
    EntityManager em;

    @Inject
    HouseholdService households;

    @Override
    void parse(Item<CreateHouseholdRequest> item, RowContext ctx) {
        checkCommunity(item, ctx);
        UUID grid = grid(item, ctx);
        // an export masks ID numbers and phones: re-importing it must not fail on them
        String id = idNumber(item, ctx, "headIdNumber", true);
        String phone = phone(item, ctx, "phone", true);
        String members = cell(item, ctx, "memberCount");
        Integer memberCount = Cells.integer(members);
        if (members != null && memberCount == null) {
            error(item, ctx, "memberCount", ErrorCode.VALIDATION_FAILED.name(), "须为整数，而不是“" + members + "”");
        }
        List<HouseholdCategory> categories = new ArrayList<>();
        for (String label : Cells.list(cell(item, ctx, "categories"))) {
            HouseholdCategory c = CATEGORIES.get(label);
            if (c == null) {
                error(item, ctx, "categories", ErrorCode.VALIDATION_FAILED.name(),
                        "未知的困难类别“" + label + "”，可填：独居老人、残疾、低保、特困、留守儿童、大病、其他");
            } else if (!categories.contains(c)) {
                categories.add(c);
            }
        }
        String address = cell(item, ctx, "address");
        CreateHouseholdRequest r = new CreateHouseholdRequest(ctx.community.id, grid, cell(item, ctx, "headName"), id,
                phone, address, memberCount, categories);
        validate(item, ctx, r, FIELDS);
        if (address != null && AddressNormaliser.normalise(address).isEmpty()) {
            error(item, ctx, "address", ErrorCode.VALIDATION_FAILED.name(), "家庭住址不能只有标点");
        }
        item.value = r;
    }

    @Override
    List<String> keys(CreateHouseholdRequest r) {
        List<String> keys = new ArrayList<>(2);
        if (r.headIdNumber() != null) {
            keys.add("id|" + r.headIdNumber());
        }
        keys.add("address|" + AddressNormaliser.normalise(r.address()) + "|" + Text.key(r.headName()));
        return keys;
    }

    @Override
    String duplicateCode() {
        return ErrorCode.DUPLICATE_HOUSEHOLD.name();
    }

    @Override
    @SuppressWarnings("unchecked")
    void checkDatabase(List<Item<CreateHouseholdRequest>> items, RowContext ctx) {
        List<String> ids = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (Item<CreateHouseholdRequest> i : items) {
            if (i.value.headIdNumber() != null) {
                ids.add(i.value.headIdNumber());
            }
            addresses.add(AddressNormaliser.normalise(i.value.address()));
        }
        Map<String, UUID> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : (List<Object[]>) em.createNativeQuery(
                    "SELECT head_id_number, id FROM household WHERE head_id_number IN (?1)").setParameter(1, ids)
                    .getResultList()) {
                byId.put((String) row[0], (UUID) row[1]);
            }
        }
        Map<String, UUID> byAddress = new HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT normalised_address, head_name, id FROM household "
                + "WHERE community_id = ?1 AND normalised_address IN (?2)").setParameter(1, ctx.community.id)
                .setParameter(2, addresses).getResultList()) {
            byAddress.put(row[0] + "|" + Text.key((String) row[1]), (UUID) row[2]);
        }
        for (Item<CreateHouseholdRequest> i : items) {
            UUID same = i.value.headIdNumber() == null ? null : byId.get(i.value.headIdNumber());
            if (same == null) {
                same = byAddress.get(AddressNormaliser.normalise(i.value.address()) + "|" + Text.key(i.value.headName()));
            }
            if (same != null) {
                skip(i, duplicateCode(), "已登记（困难家庭 " + same + "），本行不再导入");
            }
        }
    }

    @Override
    void commit(CreateHouseholdRequest r, RowContext ctx) {
        households.create(r);
    }

    static Map<String, String> fields() {
        return FIELDS;
    }
}
