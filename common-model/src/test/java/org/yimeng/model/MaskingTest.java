package org.yimeng.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void masksPhoneKeepingFirstThreeAndLastFour() {
        assertEquals("138****5678", Masking.phone("13812345678"));
    }

    @Test
    void masksIdNumberKeepingRegionAndLastFour() {
        assertEquals("371302********1234", Masking.idNumber("371302199001011234"));
    }

    @Test
    void masksShortValuesEntirelyAndKeepsNull() {
        assertEquals("*****", Masking.phone("12345"));
        assertNull(Masking.idNumber(null));
    }
}
