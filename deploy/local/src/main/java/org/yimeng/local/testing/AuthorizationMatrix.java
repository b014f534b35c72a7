package org.yimeng.local.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may call what, as one table checked against the served API. Every operation of the OpenAPI document must have a
 * row and every row must name a served operation, so a new endpoint without a decision fails the build.
 *
 * <p>Table format (UTF-8, one row per line, cells separated by one or more tabs; {@code #} starts a comment line):
 * <pre>
 * operation           NONE  EXPIRED ... CITY_ADMIN  path                         body
 * GET /api/v1/x/{id}  401   401     ... ok          /api/v1/x/${x}               -
 * POST /api/v1/x      401   401     ... ok          -                            {"communityId":"${community}"}
 * </pre>
 * The first line that is not a comment is the header: {@code operation}, then one column per caller (names chosen by
 * the service: the test gives each an Authorization header), then {@code path} and {@code body}. Expected outcomes:
 * {@code ok} (the gate let the caller through: any status but 401, 403 and 5xx — a 404, 409 or 422 from a minimal
 * body still shows the gate was passed), {@code 401}, {@code 403}, or {@code *} (not checked). {@code path}: the
 * concrete path (with an optional query string) to call, {@code -} for the template itself; {@code body}: the JSON
 * to send, {@code -} for {@code {}} on POST/PUT/PATCH and nothing on other methods. Both may hold {@code ${name}}
 * placeholders that the test fills from its fixtures; the request for an operation is the same for every caller,
 * so a row compares roles and scopes, nothing else.
 */
public final class AuthorizationMatrix {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    /** One row: the operation, the expected outcome per caller, and the request to send. */
    public record Row(String operation, Map<String, String> expected, String path, String body, int line) {
        public String method() {
            return operation.substring(0, operation.indexOf(' '));
        }
    }

    /** A concrete request: path with query, and body (null for none). */
    public record Request(String method, String path, String body) {
    }

    private final List<String> callers;
    private final Map<String, Row> rows;
    private final Map<String, String> vars = new LinkedHashMap<>();

    private AuthorizationMatrix(List<String> callers, Map<String, Row> rows) {
        this.callers = callers;
        this.rows = rows;
    }

    /** Reads a table from the class path (e.g. {@code authz-matrix.tsv} in the service's test resources). */
    public static AuthorizationMatrix load(String resource) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no class-path resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(r.lines().toList());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AuthorizationMatrix parse(List<String> lines) {
        List<String> header = null;
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> cells = List.of(line.strip().split("\t+"));
            if (header == null) {
                if (!cells.get(0).equals("operation") || !cells.get(cells.size() - 2).equals("path")
                        || !cells.get(cells.size() - 1).equals("body")) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": header must be operation, callers…, path, body");
                }
                header = cells;
                continue;
            }
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + cells.size() + " cells, header has "
                        + header.size() + ": " + line);
            }
            Map<String, String> expected = new LinkedHashMap<>();
            for (int c = 1; c < header.size() - 2; c++) {
                String cell = cells.get(c);
                if (!Set.of("ok", "401", "403", "*").contains(cell)) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": unknown outcome '" + cell + "' for "
                            + header.get(c));
                }
                expected.put(header.get(c), cell);
            }
            String op = normalise(cells.get(0));
            if (rows.put(op, new Row(op, expected, cells.get(header.size() - 2), cells.get(header.size() - 1), i + 1)) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": second row for " + op);
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("empty table");
        }
        return new AuthorizationMatrix(List.copyOf(header.subList(1, header.size() - 2)), rows);
    }

    /** The caller columns of the table, in order. */
    public List<String> callers() {
        return callers;
    }

    public Map<String, Row> rows() {
        return rows;
    }

    /** Sets a placeholder value used in {@code path} and {@code body} cells. */
    public AuthorizationMatrix var(String name, String value) {
        vars.put(name, value);
        return this;
    }

    /** The request the table sends for an operation (also what hostile-input tests start from). */
    public Request request(String operation) {
        Row row = rows.get(normalise(operation));
        if (row == null) {
            throw new IllegalArgumentException("no row for " + operation);
        }
        String template = operation.substring(operation.indexOf(' ') + 1);
        String path = row.path().equals("-") ? template.replaceAll("\\{([^}]+)}", "\\${$1}") : row.path();
        boolean hasBody = Set.of("POST", "PUT", "PATCH").contains(row.method());
        String body = row.body().equals("-") ? (hasBody ? "{}" : null) : row.body();
        return new Request(row.method(), fill(path, row), body == null ? null : fill(body, row));
    }

    /** Operations served but without a row, and rows for operations no longer served. */
    public List<String> coverageProblems(OpenApiOperations api, String... prefixes) {
        Set<String> served = new LinkedHashSet<>();
        api.under(prefixes).forEach(o -> served.add(o.key()));
        List<String> problems = new ArrayList<>();
        served.stream().filter(k -> !rows.containsKey(k))
                .forEach(k -> problems.add("served but not in the table: " + k));
        rows.keySet().stream().filter(k -> !served.contains(k))
                .forEach(k -> problems.add("in the table but not served: " + k));
        return problems;
    }

    /**
     * Sends every row's request as every caller and returns every mismatch (empty when the table holds).
     *
     * @param authorization per caller column, the Authorization header value (null for none)
     */
    public List<String> verify(Http http, Map<String, String> authorization) {
        return verify(http, authorization, Map.of());
    }

    /**
     * As {@link #verify(Http, Map)}, with {@code headers} sent on every request: for a header an operation requires
     * before it does anything (e.g. {@code Idempotency-Key} on a donation), so that the caller who passes the gate
     * gets the real answer rather than a refusal of the missing header.
     */
    public List<String> verify(Http http, Map<String, String> authorization, Map<String, String> headers) {
        List<String> missing = callers.stream().filter(c -> !authorization.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no Authorization for callers " + missing);
        }
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows.values()) {
            Request req = request(row.operation());
            for (String caller : callers) {
                String want = row.expected().get(caller);
                if (want.equals("*")) {
                    continue;
                }
                Http.Answer a = http.send(req.method(), req.path(), authorization.get(caller), req.body(), headers);
                String got = outcome(a.status());
                boolean problemMissing = (a.status() == 401 || a.status() == 403) && !a.isProblem();
                if (!got.equals(want) || problemMissing) {
                    mismatches.add(String.format("%s as %s: expected %s, got %d%s (line %d) %s", row.operation(), caller,
                            want, a.status(), problemMissing ? " without problem+json" : "", row.line(),
                            abbreviate(a.body())));
                }
            }
        }
        return mismatches;
    }

    /** How a status reads in the table. */
    public static String outcome(int status) {
        if (status == 401 || status == 403) {
            return Integer.toString(status);
        }
        if (status < 0 || status >= 500) {
            return "5xx";
        }
        return "ok";
    }

    private String fill(String text, Row row) {
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("line " + row.line() + ": no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String normalise(String operation) {
        String[] parts = operation.trim().split("\\s+", 2);
        return parts[0].toUpperCase(java.util.Locale.ROOT) + " " + parts[1];
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
