package org.yimeng.volunteer.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AddressNormaliserTest {
    @Test
    void foldsFullWidthDigitsAndLetters() {
        assertEquals("沂蒙路12号3201a", AddressNormaliser.normalise("沂蒙路１２号３２０１Ａ"));
    }

    @Test
    void dropsWhitespaceAndPunctuationOfBothWidths() {
        String expected = "兰山区沂蒙路12号3单元201";
        assertEquals(expected, AddressNormaliser.normalise(" 兰山区 沂蒙路12号，3单元-201。 "));
        assertEquals(expected, AddressNormaliser.normalise("兰山区（沂蒙路）12号 3单元—201"));
        assertEquals(expected, AddressNormaliser.normalise("兰山区\t沂蒙路12号\u30003单元·201"));
    }

    @Test
    void lowercasesLetters() {
        assertEquals("abuilding5", AddressNormaliser.normalise("A Building 5"));
    }

    @Test
    void keepsDifferentAddressesApart() {
        assertNotEquals(AddressNormaliser.normalise("沂蒙路12号"), AddressNormaliser.normalise("沂蒙路21号"));
    }

    @Test
    void punctuationOnlyIsEmpty() {
        assertEquals("", AddressNormaliser.normalise(" ，。- "));
        assertEquals("", AddressNormaliser.normalise(null));
    }
}
