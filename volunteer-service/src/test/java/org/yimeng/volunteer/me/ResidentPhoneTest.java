package org.yimeng.volunteer.me;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ResidentPhoneTest {
    @Test
    void keepsTheElevenDigitsOfAnE164MainlandMobile() {
        assertEquals(Optional.of("13812345678"), ResidentPhone.normalise("+8613812345678"));
        assertEquals(Optional.of("13812345678"), ResidentPhone.normalise("+86 138-1234-5678"));
        assertEquals(Optional.of("13812345678"), ResidentPhone.normalise("008613812345678"));
        assertEquals(Optional.of("13812345678"), ResidentPhone.normalise("13812345678"));
    }

    @Test
    void refusesWhatIsNotAMainlandMobile() {
        assertTrue(ResidentPhone.normalise(null).isEmpty());
        assertTrue(ResidentPhone.normalise("").isEmpty());
        assertTrue(ResidentPhone.normalise("+85291234567").isEmpty(), "Hong Kong");
        assertTrue(ResidentPhone.normalise("+8612812345678").isEmpty(), "no mobile starts with 12");
        assertTrue(ResidentPhone.normalise("+86138123456789").isEmpty(), "twelve digits");
        assertTrue(ResidentPhone.normalise("05398123456").isEmpty(), "a landline");
    }
}
