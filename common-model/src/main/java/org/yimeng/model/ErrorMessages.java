package org.yimeng.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people-facing words of each {@link ErrorCode}: {@code ErrorMessages.properties} (English) and
 * {@code ErrorMessages_zh.properties} (Chinese, UTF-8) beside this class. Keys are {@code CODE.title},
 * {@code CODE.detail} (the generic detail) and {@code CODE.detail.name} (a specific detail with {@link MessageFormat}
 * arguments). English titles come from the enum; a specific English detail falls back to the text written at the
 * throw site, a Chinese one to the code's generic detail, so a code never changes and never lacks words.
 */
public final class ErrorMessages {
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final Map<String, Properties> BUNDLES = new ConcurrentHashMap<>();

    private ErrorMessages() {
    }

    /** True for a Chinese locale (zh, zh-CN, …); every other locale gets English. */
    public static boolean isChinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }

    public static String title(ErrorCode code, Locale locale) {
        if (isChinese(locale)) {
            String zh = bundle("zh").getProperty(code.name() + ".title");
            if (zh != null) {
                return zh;
            }
        }
        return code.title();
    }

    /**
     * The detail in the locale's language: the specific {@code key} when the bundle has it, else for English the
     * {@code english} text of the throw site and for Chinese the code's generic detail.
     */
    public static String detail(ErrorCode code, Locale locale, String english, String key, Object... args) {
        Properties b = bundle(isChinese(locale) ? "zh" : "");
        if (key != null) {
            String pattern = b.getProperty(key);
            if (pattern != null) {
                return format(pattern, args);
            }
        }
        if (isChinese(locale)) {
            String generic = b.getProperty(code.name() + ".detail");
            return generic != null ? generic : english;
        }
        return english != null ? english : code.title();
    }

    /** The text of {@code key} in the locale's language, or null when that bundle lacks it. */
    public static String text(Locale locale, String key, Object... args) {
        String pattern = bundle(isChinese(locale) ? "zh" : "").getProperty(key);
        return pattern == null ? null : format(pattern, args);
    }

    /** The keys and texts of a bundle ("" for English, "zh" for Chinese), for the completeness tests. */
    public static Map<Object, Object> entries(String suffix) {
        return Collections.unmodifiableMap(bundle(suffix));
    }

    private static String format(String pattern, Object... args) {
        if (args == null || args.length == 0) {
            return pattern.replace("''", "'");
        }
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            // numbers as written (MessageFormat would print 20000 as 20,000 and an id's parts are no number)
            shown[i] = args[i] == null ? "" : String.valueOf(args[i]);
        }
        return new MessageFormat(pattern, Locale.ROOT).format(shown);
    }

    private static Properties bundle(String suffix) {
        return BUNDLES.computeIfAbsent(suffix, s -> {
            Properties p = new Properties();
            String name = "ErrorMessages" + (s.isEmpty() ? "" : "_" + s) + ".properties";
            try (InputStream in = ErrorMessages.class.getResourceAsStream(name)) {
                if (in != null) {
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        });
    }
}
