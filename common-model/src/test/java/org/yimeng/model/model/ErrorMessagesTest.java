package org.yimeng.model.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yimeng.model.ErrorCode;
import org.yimeng.model.ErrorMessages;

class ErrorMessagesTest {
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());

    @Test
    void everyCodeHasAChineseTitleAndGenericDetail() {
        List<String> missing = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            for (String part : List.of(".title", ".detail")) {
                Object text = ErrorMessages.entries("zh").get(code.name() + part);
                if (text == null || !hasChinese(text.toString())) {
                    missing.add(code.name() + part);
                }
            }
        }
        assertEquals(List.of(), missing, "ErrorMessages_zh.properties lacks Chinese words for these codes");
    }

    @Test
    void everyBundleKeyNamesACode() {
        List<String> stray = new ArrayList<>();
        for (String bundle : List.of("", "zh")) {
            for (Object key : ErrorMessages.entries(bundle).keySet()) {
                String k = key.toString();
                int dot = k.indexOf('.');
                String rest = dot < 0 ? "" : k.substring(dot + 1);
                if (dot < 0 || !CODES.contains(k.substring(0, dot))
                        || !(rest.equals("title") || rest.equals("detail") || rest.startsWith("detail."))) {
                    stray.add(bundle + ":" + k);
                }
            }
        }
        assertEquals(List.of(), stray, "bundle keys must be CODE.title, CODE.detail or CODE.detail.name of an ErrorCode");
    }

    @Test
    void chineseForZhAndEnglishOtherwise() {
        assertEquals("未找到", ErrorMessages.title(ErrorCode.NOT_FOUND, Locale.forLanguageTag("zh-CN")));
        assertEquals("未找到", ErrorMessages.title(ErrorCode.NOT_FOUND, Locale.forLanguageTag("zh")));
        assertEquals("Not found", ErrorMessages.title(ErrorCode.NOT_FOUND, Locale.ENGLISH));
    }

    @Test
    void aSpecificDetailIsFormattedAndFallsBackToTheGenericOneInChinese() {
        Locale zh = ErrorMessages.CHINESE;
        assertEquals("须在 1 到 500 之间", ErrorMessages.detail(ErrorCode.VALIDATION_FAILED, zh, "english",
                "VALIDATION_FAILED.detail.between", 1, 500));
        assertEquals("该困难家庭已登记",
                ErrorMessages.detail(ErrorCode.DUPLICATE_HOUSEHOLD, zh, "Household exists", "DUPLICATE_HOUSEHOLD.detail.nokey"));
        assertEquals("Household exists", ErrorMessages.detail(ErrorCode.DUPLICATE_HOUSEHOLD, Locale.ENGLISH,
                "Household exists", "DUPLICATE_HOUSEHOLD.detail.nokey"));
        // numbers as written, not grouped by MessageFormat
        assertTrue(ErrorMessages.detail(ErrorCode.PAYLOAD_TOO_LARGE, zh, "", "PAYLOAD_TOO_LARGE.detail.bytes", 1048576L)
                .contains("1048576"));
    }

    private static boolean hasChinese(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
