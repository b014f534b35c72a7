package org.yimeng.volunteer.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimeng.volunteer.household.Archive.Item;

class ArchiveTest {
    @Test
    void completeWhenEveryItemIsThere() {
        Archive a = Archive.assess(new Archive.Facts("张三", "沂蒙路1号", true, 1, true, true));
        assertTrue(a.complete());
        assertEquals(List.of(), a.missing());
    }

    @Test
    void newHouseholdWithoutGridMissesGridSurveyAndPairing() {
        Archive a = Archive.assess(new Archive.Facts("张三", "沂蒙路1号", false, 2, false, false));
        assertFalse(a.complete());
        assertEquals(List.of(Item.GRID, Item.NEEDS_SURVEY, Item.PAIRING), a.missing());
    }

    @Test
    void listsEveryMissingItemInOrder() {
        Archive a = Archive.assess(new Archive.Facts(" ", null, false, 0, false, false));
        assertEquals(List.of(Item.HEAD_NAME, Item.ADDRESS, Item.GRID, Item.CATEGORY, Item.NEEDS_SURVEY, Item.PAIRING),
                a.missing());
    }

    @Test
    void aSurveyWithoutNeedsDoesNotCount() {
        Archive a = Archive.assess(new Archive.Facts("张三", "沂蒙路1号", true, 1, false, true));
        assertEquals(List.of(Item.NEEDS_SURVEY), a.missing());
    }
}
