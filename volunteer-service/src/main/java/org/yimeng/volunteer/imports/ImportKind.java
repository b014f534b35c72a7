package org.yimeng.volunteer.imports;

import java.util.Arrays;

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
        throw ApiException.invalid("kind", "must be one of " + Arrays.stream(values()).map(ImportKind::path).toList());
    }
}
