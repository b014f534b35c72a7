package org.yimeng.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

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

    /**
     * Every specific detail a throw site names ({@code new ApiException(ErrorCode.X, …).detail("n")},
     * {@code ApiException.invalid(…).detail("n")}, {@code notFound("What", …)}) has Chinese words, so that no
     * Chinese reader silently falls back to the generic detail. Reads the sources of the kit and both services.
     */
    @Test
    void everyDetailNamedAtAThrowSiteHasChineseWords() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("..").toAbsolutePath().normalize();
        List<java.nio.file.Path> dirs = List.of(root.resolve("common-model/service-kit/src/main/java"),
                root.resolve("volunteer-service/src/main/java"), root.resolve("donation-service/src/main/java"));
        java.util.regex.Pattern thrown = java.util.regex.Pattern.compile(
                "new ApiException\\(\\s*(?:org\\.yimeng\\.model\\.)?ErrorCode\\.(\\w+)[^;]*?\\.detail\\(\"([\\w-]+)\"");
        java.util.regex.Pattern invalid = java.util.regex.Pattern.compile(
                "ApiException\\.invalid\\([^;]*?\\.detail\\(\"([\\w-]+)\"");
        java.util.regex.Pattern notFound = java.util.regex.Pattern.compile("ApiException\\.notFound\\(\"([^\"]+)\"");
        List<String> used = new ArrayList<>();
        for (java.nio.file.Path dir : dirs) {
            assertTrue(java.nio.file.Files.isDirectory(dir), dir + " not found");
            try (var files = java.nio.file.Files.walk(dir)) {
                for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    String src = java.nio.file.Files.readString(f);
                    thrown.matcher(src).results().forEach(m -> used.add(m.group(1) + ".detail." + m.group(2)));
                    invalid.matcher(src).results().forEach(m -> used.add("VALIDATION_FAILED.detail." + m.group(1)));
                    notFound.matcher(src).results().forEach(m -> used.add("NOT_FOUND.detail." + m.group(1).replace(' ', '_')));
                }
            }
        }
        assertTrue(used.size() > 40, "the scan found only " + used);
        List<String> missing = used.stream().distinct().filter(k -> ErrorMessages.entries("zh").get(k) == null).toList();
        assertEquals(List.of(), missing, "named at a throw site but absent from ErrorMessages_zh.properties");
    }

    private static boolean hasChinese(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }
}
