package org.yimeng.kit.i18n;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.config.ConfigProvider;
import org.yimeng.model.ErrorMessages;

/**
 * The language people are answered in: the first of Chinese or English that {@code Accept-Language} accepts (highest
 * q first, q=0 refused, {@code *} meaning the default), else the deployment's {@code kit.language.default}
 * (zh-CN unless configured). Problem titles and details, violation messages and people's CSV follow it.
 */
public final class Language {
    private Language() {
    }

    /** The configured default, read on each call so that a test profile or the environment can change it. */
    public static Locale deploymentDefault() {
        String tag = ConfigProvider.getConfig().getOptionalValue("kit.language.default", String.class).orElse("zh-CN");
        return supported(Locale.forLanguageTag(tag.strip()), ErrorMessages.CHINESE);
    }

    /** The language of the request being answered (its {@code Accept-Language}), or the default outside one. */
    public static Locale ofRequest() {
        try {
            var rc = io.quarkus.arc.Arc.container().instance(io.quarkus.vertx.http.runtime.CurrentVertxRequest.class)
                    .get().getCurrent();
            return pick(rc == null ? null : rc.request().getHeader("Accept-Language"));
        } catch (RuntimeException e) {
            return deploymentDefault(); // no request context active
        }
    }

    /** The language for an {@code Accept-Language} header value (null or blank: the deployment default). */
    public static Locale pick(String acceptLanguage) {
        return pick(acceptLanguage, deploymentDefault());
    }

    static Locale pick(String acceptLanguage, Locale fallback) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return fallback;
        }
        record Range(String tag, double q, int order) {
        }
        List<Range> ranges = new ArrayList<>();
        String[] parts = acceptLanguage.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] p = parts[i].split(";");
            String tag = p[0].strip();
            double q = 1.0;
            for (int j = 1; j < p.length; j++) {
                String param = p[j].strip();
                if (param.startsWith("q=") || param.startsWith("Q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2).strip());
                    } catch (NumberFormatException e) {
                        q = 0; // an unreadable weight accepts nothing
                    }
                }
            }
            if (!tag.isEmpty() && q > 0) {
                ranges.add(new Range(tag, q, i));
            }
        }
        ranges.sort(Comparator.comparingDouble(Range::q).reversed().thenComparingInt(Range::order));
        for (Range r : ranges) {
            if (r.tag().equals("*")) {
                return fallback;
            }
            Locale l = supported(Locale.forLanguageTag(r.tag()), null);
            if (l != null) {
                return l;
            }
        }
        return fallback;
    }

    private static Locale supported(Locale l, Locale otherwise) {
        return switch (l.getLanguage()) {
            case "zh" -> ErrorMessages.CHINESE;
            case "en" -> Locale.ENGLISH;
            default -> otherwise;
        };
    }
}
