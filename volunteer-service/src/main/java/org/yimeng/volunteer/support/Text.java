package org.yimeng.volunteer.support;

import java.text.Normalizer;

/** The stored form of names and free text: NFKC (full-width folded), trimmed, inner whitespace collapsed. */
public final class Text {
    private Text() {
    }

    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = Normalizer.normalize(s, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }
}
