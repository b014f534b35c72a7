package org.yimeng.volunteer.household;

import java.util.ArrayList;
import java.util.List;

/**
 * The basic archive (基础档案) of a household, as the July review checks it: complete when the household has a head
 * name, an address, a grid, a category, a survey with a need and an active pairing; otherwise the missing items.
 */
public record Archive(boolean complete, List<Item> missing) {

    public enum Item {
        HEAD_NAME, ADDRESS, GRID, CATEGORY, NEEDS_SURVEY, PAIRING
    }

    /** What the assessment needs to know about a household. */
    public record Facts(String headName, String address, boolean hasGrid, int categoryCount,
            boolean hasSurveyWithNeed, boolean hasActivePairing) {
    }

    public static Archive assess(Facts f) {
        List<Item> missing = new ArrayList<>();
        if (f.headName() == null || f.headName().isBlank()) {
            missing.add(Item.HEAD_NAME);
        }
        if (f.address() == null || f.address().isBlank()) {
            missing.add(Item.ADDRESS);
        }
        if (!f.hasGrid()) {
            missing.add(Item.GRID);
        }
        if (f.categoryCount() < 1) {
            missing.add(Item.CATEGORY);
        }
        if (!f.hasSurveyWithNeed()) {
            missing.add(Item.NEEDS_SURVEY);
        }
        if (!f.hasActivePairing()) {
            missing.add(Item.PAIRING);
        }
        return new Archive(missing.isEmpty(), List.copyOf(missing));
    }
}
