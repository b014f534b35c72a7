package org.yimeng.volunteer.imports;

import java.util.Arrays;
import java.util.List;

import org.yimeng.kit.error.ApiException;

/** What a spreadsheet holds; the path and query name is the lowercase form ({@code households}). */
public enum ImportKind {
    HOUSEHOLDS, VOLUNTEERS, SURVEYS;

    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ImportKind of(String value) {
        if (value != null) {
            for (ImportKind k : values()) {
                if (k.path().equals(value.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return k;
                }
            }
        }
        List<String> kinds = Arrays.stream(values()).map(ImportKind::path).toList();
        throw ApiException.invalid("kind", "must be one of " + kinds).detail("oneOf", kinds);
    }
}
