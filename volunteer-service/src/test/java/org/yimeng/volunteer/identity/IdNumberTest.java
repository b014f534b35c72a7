package org.yimeng.volunteer.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IdNumberTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 5, 18);

    @Test
    void acceptsTheStandardExampleAndComputesItsCheckCharacter() {
        // GB 11643's worked example: 11010519491231002X
        assertEquals('X', IdNumber.checkChar("11010519491231002"));
        assertTrue(IdNumber.isValid("11010519491231002X", TODAY));
        assertTrue(IdNumber.isValid("11010519491231002x", TODAY), "a lowercase x is the same number");
        assertEquals(LocalDate.of(1949, 12, 31), IdNumber.birthDate("11010519491231002X"));
    }

    @Test
    void acceptsNumbersWithDigitCheckCharacters() {
        String body = "37130219800229123"; // a leap day
        String id = body + IdNumber.checkChar(body);
        assertTrue(IdNumber.isValid(id, TODAY), id);
    }

    @Test
    void rejectsWrongLength() {
        assertEquals("must have 18 characters", IdNumber.problem("11010519491231002", TODAY).orElseThrow());
        assertEquals("must have 18 characters", IdNumber.problem("11010519491231002X1", TODAY).orElseThrow());
        assertFalse(IdNumber.isValid("", TODAY));
    }

    @Test
    void rejectsLettersOutsideTheCheckPosition() {
        assertFalse(IdNumber.isValid("1101051949123100XX", TODAY));
        assertFalse(IdNumber.isValid("11010519491231002Y", TODAY));
    }

    @Test
    void rejectsImpossibleAndFutureBirthDates() {
        for (String body : new String[] {"37130219810229123", "37130219801301123", "37130219800000123",
                "37130218991231123", "37130220300101123"}) {
            String id = body + IdNumber.checkChar(body);
            assertEquals("has an impossible birth date", IdNumber.problem(id, TODAY).orElseThrow(), id);
        }
    }

    @Test
    void rejectsWrongCheckCharacter() {
        assertEquals("has a wrong check character", IdNumber.problem("110105194912310021", TODAY).orElseThrow());
        String body = "37130219800101123";
        char right = IdNumber.checkChar(body);
        char wrong = right == '0' ? '1' : '0';
        assertFalse(IdNumber.isValid(body + wrong, TODAY));
    }
}
