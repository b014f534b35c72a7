package org.yimeng.volunteer.support;

import java.text.Normalizer;

/**
 * Typed text and the keys that find duplicates. People's text (names, addresses, titles, notes) is stored and
 * returned as typed — "心愿：一副老花镜（300度）" keeps its full-width colon and brackets — only trimmed at the ends;
 * comparisons that must see "（东）" and "(东)" as one use {@link #key}.
 */
public final class Text {
    private Text() {
    }

    /** The stored form: as typed, trimmed at both ends; null when blank. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** The form compared to find the same name twice: NFKC (full-width folded), trimmed, inner whitespace collapsed. */
    public static String key(String s) {
        if (s == null) {
            return null;
        }
        String t = Normalizer.normalize(s, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }
}
