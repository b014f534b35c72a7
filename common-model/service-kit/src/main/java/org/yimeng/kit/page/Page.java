package org.yimeng.kit.page;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: {@code {items, nextCursor}} (api.md); {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows fetched in key order: the extra row only tells that there is
     * a next page, whose cursor is the key of the last row returned.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> mapper, Function<R, String> cursorOf) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        List<T> items = shown.stream().map(mapper).toList();
        return new Page<>(items, more ? cursorOf.apply(shown.get(shown.size() - 1)) : null);
    }
}
