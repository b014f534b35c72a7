package org.yimeng.volunteer.support;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Query;

/** A WHERE clause built from optional filters, with named parameters; works for JPQL and native SQL alike. */
public final class Where {
    private final StringBuilder clause = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds a condition when the value is present; a null value leaves the filter out. */
    public Where andIf(Object value, String condition, String param) {
        if (value != null) {
            and(condition, param, value);
        }
        return this;
    }

    public Where and(String condition, String param, Object value) {
        and(condition);
        params.put(param, value);
        return this;
    }

    /** Binds a further parameter of a condition that uses several (a keyset on two columns). */
    public Where with(String param, Object value) {
        params.put(param, value);
        return this;
    }

    public Where and(String condition) {
        clause.append(clause.isEmpty() ? " WHERE " : " AND ").append('(').append(condition).append(')');
        return this;
    }

    public String sql() {
        return clause.toString();
    }

    public <Q extends Query> Q bind(Q query) {
        params.forEach(query::setParameter);
        return query;
    }
}
