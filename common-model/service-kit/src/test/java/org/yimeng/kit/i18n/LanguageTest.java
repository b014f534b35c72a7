package org.yimeng.kit.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.yimeng.model.ErrorMessages;

class LanguageTest {
    private static final Locale ZH = ErrorMessages.CHINESE;
    private static final Locale EN = Locale.ENGLISH;

    @Test
    void noHeaderOrNothingSupportedGivesTheDeploymentDefault() {
        assertEquals(ZH, Language.pick(null, ZH));
        assertEquals(EN, Language.pick("", EN));
        assertEquals(ZH, Language.pick("fr-FR, de;q=0.5", ZH));
        assertEquals(EN, Language.pick("*", EN));
    }

    @Test
    void chineseAndEnglishInAnyForm() {
        assertEquals(ZH, Language.pick("zh-CN", EN));
        assertEquals(ZH, Language.pick("zh", EN));
        assertEquals(ZH, Language.pick("zh-Hans-CN", EN));
        assertEquals(EN, Language.pick("en", ZH));
        assertEquals(EN, Language.pick("en-GB", ZH));
    }

    @Test
    void qValuesOrderAndZeroRefuses() {
        assertEquals(EN, Language.pick("zh-CN;q=0.4, en;q=0.9", ZH));
        assertEquals(ZH, Language.pick("fr, zh;q=0.8, en;q=0.7", EN));
        assertEquals(EN, Language.pick("zh;q=0, en", ZH));
        assertEquals(ZH, Language.pick("en;q=0", ZH));
        assertEquals(EN, Language.pick("de, *;q=0.5", EN));
        // equal weights keep the header's order
        assertEquals(EN, Language.pick("en, zh", ZH));
    }
}
