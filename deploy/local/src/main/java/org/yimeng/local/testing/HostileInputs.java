package org.yimeng.local.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile requests generated from an operation's OpenAPI schemas: malformed JSON, wrong types per field, huge strings
 * and arrays, negative, zero, overflowing and fractional numbers, unknown enum values, bad UUIDs and dates, SQL and
 * script injection, odd Unicode, and bodies over the size limit. Generation is seeded, so a failure names an attack
 * that the same seed reproduces. {@link #run} sends them and reports every answer that is a 5xx, a 4xx that is not
 * problem+json, or (when the attacks must all fail) a 2xx.
 */
public final class HostileInputs {
    /**
     * One request to send; {@code label} says what was attacked with what. A {@code chunked} body is sent without a
     * Content-Length, so the server only finds its size while reading it.
     */
    public record Attack(String operation, String label, String method, String path, String body,
            Map<String, String> headers, boolean chunked) {
        public Attack(String operation, String label, String method, String path, String body,
                Map<String, String> headers) {
            this(operation, label, method, path, body, headers, false);
        }

        /** The same attack with other headers. */
        public Attack withHeaders(Map<String, String> headers) {
            return new Attack(operation, label, method, path, body, headers, chunked);
        }
    }

    /** What a run found. */
    public record Report(int sent, Map<Integer, Integer> statuses, List<String> failures) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    // JSON text that Jackson would never write: substituted into the serialised body by marker
    private static final String LONE_SURROGATE_MARKER = "\u0001LONE\u0001";
    private static final String HUGE_NUMBER_MARKER = "\u0001HUGE\u0001";
    private static final String OVERFLOW_MARKER = "\u0001OVERFLOW\u0001";

    static final List<String> HOSTILE_TEXT = List.of(
            "' OR 1=1 --", "'); DROP TABLE household; --", "\" OR \"\"=\"", "<script>alert(1)</script>",
            "\u202Egnp.exe", "a\u200B\u200Cb\uFEFF", "😀👨‍👩‍👧‍👦", "a\u0000b", LONE_SURROGATE_MARKER, "", "   ",
            "${jndi:ldap://x/a}", "../../etc/passwd", "%s%s%n", "ｆｕｌｌｗｉｄｔｈ　全角");

    private final long seed;

    public HostileInputs(long seed) {
        this.seed = seed;
    }

    /** Bodies that are not (acceptable) JSON at all, for an operation that takes a body. */
    public List<Attack> malformed(OpenApiOperations.Operation op, String path) {
        List<Attack> out = new ArrayList<>();
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("unterminated", "{");
        bodies.put("missing value", "{\"a\":}");
        bodies.put("trailing comma", "{\"a\":1,}");
        bodies.put("array", "[]");
        bodies.put("string", "\"text\"");
        bodies.put("null", "null");
        bodies.put("empty", "");
        bodies.put("NaN", "{\"a\":NaN}");
        bodies.put("nested 5000 deep", deep);
        bodies.put("number of 5000 digits", "{\"a\":" + "9".repeat(5000) + "}");
        bodies.put("invalid UTF-8 escape", "{\"a\":\"\\uZZZZ\"}");
        bodies.put("two documents", "{}{}");
        bodies.forEach((label, body) -> out.add(new Attack(op.key(), "malformed: " + label, op.method(), path, body,
                Map.of())));
        out.add(new Attack(op.key(), "content type text/plain", op.method(), path, "{}",
                Map.of("Content-Type", "text/plain")));
        return out;
    }

    /**
     * One attack per hostile value per field of the body schema, each starting from {@code baseBody} (a valid sample
     * reaches the service's own rules; {@code {}} only the validation), at most {@code max} per operation chosen by
     * the seed.
     */
    public List<Attack> fields(OpenApiOperations.Operation op, String path, String baseBody, int max) {
        JsonNode base;
        try {
            base = baseBody == null ? F.objectNode() : OpenApiOperations.JSON.readTree(baseBody);
        } catch (Exception e) {
            throw new IllegalArgumentException("base body of " + op.key() + " is not JSON", e);
        }
        if (!base.isObject() || op.requestBody() == null) {
            return List.of();
        }
        List<Attack> out = new ArrayList<>();
        mutate(op, path, (ObjectNode) base, (ObjectNode) base, op.requestBody(), "", out);
        Collections.shuffle(out, new Random(seed ^ op.key().hashCode()));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    private void mutate(OpenApiOperations.Operation op, String path, ObjectNode root, ObjectNode target, JsonNode schema,
            String prefix, List<Attack> out) {
        JsonNode props = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            String field = prefix + p.getKey();
            for (Map.Entry<String, JsonNode> v : values(p.getValue(), target.get(p.getKey())).entrySet()) {
                JsonNode original = target.get(p.getKey());
                target.set(p.getKey(), v.getValue());
                out.add(new Attack(op.key(), field + " = " + v.getKey(), op.method(), path, render(root), Map.of()));
                if (original == null) {
                    target.remove(p.getKey());
                } else {
                    target.set(p.getKey(), original);
                }
            }
            // one level into arrays of objects (e.g. a survey's needs): attack the first item's fields
            JsonNode items = p.getValue().path("items");
            if (items.path("properties").size() > 0 && prefix.isEmpty()) {
                JsonNode current = target.get(p.getKey());
                ObjectNode item = current != null && current.isArray() && current.size() > 0 && current.get(0).isObject()
                        ? (ObjectNode) current.get(0).deepCopy() : F.objectNode();
                ArrayNode array = F.arrayNode().add(item);
                target.set(p.getKey(), array);
                mutate(op, path, root, item, items, field + "[0].", out);
                if (current == null) {
                    target.remove(p.getKey());
                } else {
                    target.set(p.getKey(), current);
                }
            }
        }
    }

    /** Hostile values for one field, by its schema; labelled so a failure report says what was sent. */
    private Map<String, JsonNode> values(JsonNode schema, JsonNode sample) {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        v.put("null", F.nullNode());
        v.put("object", F.objectNode().put("x", 1));
        v.put("array", F.arrayNode().add("x"));
        if (!type.equals("boolean")) {
            v.put("true", F.booleanNode(true));
        }
        switch (type) {
            case "integer", "number" -> {
                v.put("-1", F.numberNode(-1));
                v.put("0", F.numberNode(0));
                v.put("1.5", F.numberNode(new java.math.BigDecimal("1.5")));
                v.put("2^31", F.numberNode(2147483648L));
                v.put("1e30", F.textNode(HUGE_NUMBER_MARKER));
                v.put("2^63", F.textNode(OVERFLOW_MARKER));
                v.put("-2^63", F.numberNode(Long.MIN_VALUE));
                v.put("\"12\"", F.textNode("12"));
            }
            case "boolean" -> {
                v.put("\"true\"", F.textNode("true"));
                v.put("1", F.numberNode(1));
            }
            case "array" -> {
                JsonNode item = sample != null && sample.isArray() && sample.size() > 0 ? sample.get(0) : F.textNode("x");
                ArrayNode huge = F.arrayNode();
                for (int i = 0; i < 10_000; i++) {
                    huge.add(item);
                }
                v.put("10k items", huge);
                v.put("[null]", F.arrayNode().addNull());
                v.put("\"x\"", F.textNode("x"));
                JsonNode itemSchema = schema.path("items");
                for (Map.Entry<String, JsonNode> e : scalarValues(itemSchema).entrySet()) {
                    v.put("[" + e.getKey() + "]", F.arrayNode().add(e.getValue()));
                }
            }
            case "object" -> v.put("\"x\"", F.textNode("x"));
            default -> {
                v.put("12", F.numberNode(12));
                v.putAll(scalarValues(schema));
            }
        }
        if (format.isEmpty() && type.equals("string") && schema.path("enum").isMissingNode()) {
            v.put("100k chars", F.textNode("x".repeat(100_000)));
        }
        return v;
    }

    private static Map<String, JsonNode> scalarValues(JsonNode schema) {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        String format = schema.path("format").asText("");
        if (schema.has("enum")) {
            v.put("unknown enum", F.textNode("NOT_A_VALUE"));
            String first = schema.path("enum").path(0).asText("");
            v.put("lower-case enum", F.textNode(first.toLowerCase(java.util.Locale.ROOT)));
            v.put("enum with NUL", F.textNode(first + "\u0000"));
            return v;
        }
        switch (format) {
            case "uuid" -> {
                v.put("not a uuid", F.textNode("not-a-uuid"));
                v.put("uuid with g", F.textNode("00000000-0000-0000-0000-00000000000g"));
                v.put("empty uuid", F.textNode(""));
                v.put("injection uuid", F.textNode("' OR 1=1 --"));
                v.put("unknown uuid", F.textNode(UUID.nameUUIDFromBytes("unknown".getBytes()).toString()));
            }
            case "date" -> {
                v.put("2025-02-30", F.textNode("2025-02-30"));
                v.put("2025-13-01", F.textNode("2025-13-01"));
                v.put("year 999999999", F.textNode("+999999999-12-31"));
                v.put("year -1", F.textNode("-0001-01-01"));
                v.put("yesterday", F.textNode("yesterday"));
                v.put("instant as date", F.textNode("2025-06-01T00:00:00Z"));
            }
            case "date-time" -> {
                v.put("month 13", F.textNode("2025-13-01T00:00:00Z"));
                v.put("not a time", F.textNode("not-a-time"));
                v.put("year 1e9", F.textNode("+1000000000-01-01T00:00:00Z"));
                v.put("date as instant", F.textNode("2025-06-01"));
                v.put("epoch millis", F.numberNode(1_748_736_000_000L));
            }
            default -> {
                for (String s : HOSTILE_TEXT) {
                    v.put(label(s), F.textNode(s));
                }
            }
        }
        return v;
    }

    /**
     * Each query parameter of a GET set to each hostile value, alone, at most {@code max} chosen by the seed, appended
     * to {@code path}. With {@code replace} a parameter that {@code path} already carries is replaced by the hostile
     * value; without it the attack follows the path's own value, which is the one JAX-RS reads, so it is never seen.
     */
    public List<Attack> queries(OpenApiOperations.Operation op, String path, int max, boolean replace) {
        List<Attack> out = new ArrayList<>();
        for (OpenApiOperations.Parameter p : op.query()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String s : HOSTILE_TEXT) {
                if (!s.equals(LONE_SURROGATE_MARKER)) {
                    values.put(label(s), URLEncoder.encode(s, StandardCharsets.UTF_8));
                }
            }
            values.put("lone surrogate as UTF-8", "%ED%A0%80");
            values.put("percent sign", "%25zz");
            values.put("4000 chars", "x".repeat(4000));
            values.put("-1", "-1");
            values.put("0", "0");
            values.put("1.5", "1.5");
            values.put("1e30", "1e30");
            values.put("2^63", "9223372036854775808");
            values.put("501", "501");
            values.put("not a uuid", "not-a-uuid");
            values.put("2025-02-30", "2025-02-30");
            values.put("unknown enum", "NOT_A_VALUE");
            for (Map.Entry<String, String> v : values.entrySet()) {
                out.add(new Attack(op.key(), "?" + p.name() + "=" + v.getKey(), op.method(),
                        replace ? withQuery(path, p.name(), v.getValue()) : appendQuery(path, p.name(), v.getValue()),
                        null, Map.of()));
            }
        }
        Collections.shuffle(out, new Random(seed ^ op.key().hashCode() ^ 0x5151));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    /**
     * Values that only a parameter's type makes hostile, by its schema: dates and instants at and beyond the ends of
     * their range (and beyond PostgreSQL's), in other shapes and with offsets; integers at and beyond 32 and 64 bits,
     * with signs, radix and separators; enum values in other cases or with trailing junk; UUIDs in odd but parseable forms.
     * Each parameter alone, replacing its value in {@code path}; at most {@code max}, chosen by the seed.
     */
    public List<Attack> typedQueries(OpenApiOperations.Operation op, String path, int max) {
        List<Attack> out = new ArrayList<>();
        for (OpenApiOperations.Parameter p : op.query()) {
            for (Map.Entry<String, String> v : typedValues(p.schema()).entrySet()) {
                out.add(new Attack(op.key(), "?" + p.name() + "=" + v.getKey(), op.method(),
                        withQuery(path, p.name(), URLEncoder.encode(v.getValue(), StandardCharsets.UTF_8)), null,
                        Map.of()));
            }
        }
        Collections.shuffle(out, new Random(seed ^ op.key().hashCode() ^ 0x7171));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    private static Map<String, String> typedValues(JsonNode schema) {
        Map<String, String> v = new LinkedHashMap<>();
        if (schema == null) {
            return v;
        }
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        if (schema.has("enum")) {
            String first = schema.path("enum").path(0).asText("");
            v.put("enum with a space", first + " ");
            v.put("enum with NUL", first + "\u0000");
            v.put("mixed-case enum", first.isEmpty() ? "x"
                    : first.charAt(0) + first.substring(1).toLowerCase(java.util.Locale.ROOT));
            v.put("two enum values", first + "," + first);
        } else if (format.equals("date")) {
            v.put("max date", "+999999999-12-31");
            v.put("min date", "-999999999-01-01");
            v.put("year 0", "0000-01-01");
            v.put("year 10000", "+10000-01-01");
            v.put("year 300000", "+300000-01-01");
            v.put("2024-02-30", "2024-02-30");
            v.put("instant as date", "2025-06-01T00:00:00Z");
            v.put("compact date", "20250601");
        } else if (format.equals("date-time")) {
            v.put("max instant", "+1000000000-12-31T23:59:59.999999999Z");
            v.put("min instant", "-1000000000-01-01T00:00:00Z");
            v.put("year 300000", "+300000-01-01T00:00:00Z");
            v.put("year 0", "0000-01-01T00:00:00Z");
            v.put("with offset", "2025-06-01T08:00:00+08:00");
            v.put("no zone", "2025-06-01T00:00:00");
            v.put("date as instant", "2025-06-01");
            v.put("epoch millis", "1748736000000");
            v.put("leap second", "2016-12-31T23:59:60Z");
        } else if (type.equals("integer") || type.equals("number")) {
            v.put("2^63-1", "9223372036854775807");
            v.put("-2^63", "-9223372036854775808");
            v.put("2^31", "2147483648");
            v.put("-2^31-1", "-2147483649");
            v.put("+1", "+1");
            v.put("hex", "0x10");
            v.put("separators", "1_000");
            v.put("full-width digits", "\uff11\uff12");
            v.put("space", " 1");
        } else if (format.equals("uuid")) {
            v.put("upper-case uuid", "00000000-0000-4000-8000-00000000000A");
            v.put("short groups", "1-1-1-1-1");
            v.put("braced uuid", "{00000000-0000-4000-8000-000000000000}");
            v.put("uuid without dashes", "00000000000040008000000000000000");
            v.put("nil uuid", "00000000-0000-0000-0000-000000000000");
        }
        return v;
    }

    /**
     * Each path parameter of the operation, alone, replaced in {@code path} (the concrete path the template was filled
     * into) by a malformed, unknown or hostile value; {@code body} goes unchanged with every attack (null for none).
     * None of them names an existing record, so every answer must be a 4xx. At most {@code max}, chosen by the seed.
     */
    public List<Attack> paths(OpenApiOperations.Operation op, String path, String body, int max) {
        String[] template = op.path().split("/");
        int q = path.indexOf('?');
        String query = q < 0 ? "" : path.substring(q);
        String[] concrete = (q < 0 ? path : path.substring(0, q)).split("/");
        if (template.length != concrete.length) {
            throw new IllegalArgumentException(op.key() + ": " + path + " does not fill the template");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("not a uuid", "not-a-uuid");
        values.put("uuid with g", "00000000-0000-0000-0000-00000000000g");
        values.put("unknown uuid", UUID.nameUUIDFromBytes("unknown".getBytes(StandardCharsets.UTF_8)).toString());
        values.put("nil uuid", "00000000-0000-0000-0000-000000000000");
        values.put("NUL", "%00");
        values.put("lone surrogate as UTF-8", "%ED%A0%80");
        values.put("percent sign", "%25zz");
        values.put("encoded slash", "a%2Fb");
        values.put("4000 chars", "x".repeat(4000));
        values.put("-1", "-1");
        values.put("2^63", "9223372036854775808");
        for (String s : HOSTILE_TEXT) {
            if (!s.equals(LONE_SURROGATE_MARKER) && !s.isBlank()) {
                values.put(label(s), URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        List<Attack> out = new ArrayList<>();
        for (int i = 0; i < template.length; i++) {
            if (!template[i].startsWith("{")) {
                continue;
            }
            for (Map.Entry<String, String> v : values.entrySet()) {
                String[] segments = concrete.clone();
                segments[i] = v.getValue();
                out.add(new Attack(op.key(), template[i] + " = " + v.getKey(), op.method(),
                        String.join("/", segments) + query, body, Map.of()));
            }
        }
        Collections.shuffle(out, new Random(seed ^ op.key().hashCode() ^ 0x3131));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    private static String appendQuery(String path, String name, String encodedValue) {
        String base = path.contains("?") ? path : path + "?";
        return base + (base.endsWith("?") ? "" : "&") + name + "=" + encodedValue;
    }

    /** {@code path} with query parameter {@code name} set to {@code encodedValue}, replacing any value it had. */
    static String withQuery(String path, String name, String encodedValue) {
        int q = path.indexOf('?');
        List<String> pairs = new ArrayList<>();
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                if (!pair.isEmpty() && !pair.equals(name) && !pair.startsWith(name + "=")) {
                    pairs.add(pair);
                }
            }
        }
        pairs.add(name + "=" + encodedValue);
        return (q < 0 ? path : path.substring(0, q)) + "?" + String.join("&", pairs);
    }

    /** A syntactically fine JSON body of about {@code bytes} bytes: above the limit it must be refused with 413. */
    public static Attack oversized(OpenApiOperations.Operation op, String path, int bytes) {
        return oversized(op, path, bytes, false);
    }

    /** As {@link #oversized(OpenApiOperations.Operation, String, int)}, {@code chunked} without a Content-Length. */
    public static Attack oversized(OpenApiOperations.Operation op, String path, int bytes, boolean chunked) {
        String body = "{\"padding\":\"" + "x".repeat(bytes) + "\"}";
        return new Attack(op.key(), (chunked ? "chunked body of " : "body of ") + bytes + " bytes", op.method(), path,
                body, Map.of(), chunked);
    }

    /**
     * Sends the attacks and collects failures: a 5xx (or a dropped connection), a 4xx that is not problem+json, and,
     * when {@code mustFail}, any 2xx or 3xx.
     */
    public static Report run(Http http, String authorization, List<Attack> attacks, boolean mustFail) {
        return run(http, authorization, attacks, mustFail, (attack, answer) -> null);
    }

    /**
     * As {@link #run(Http, String, List, boolean)}, with a rule of the caller's on top: it returns why an answer is
     * wrong (reported as a failure), or null when it is fine.
     */
    public static Report run(Http http, String authorization, List<Attack> attacks, boolean mustFail,
            BiFunction<Attack, Http.Answer, String> rule) {
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Attack a : attacks) {
            Http.Answer r = http.send(a.method(), a.path(), authorization, a.body(), a.headers(), a.chunked());
            statuses.merge(r.status(), 1, Integer::sum);
            String why = null;
            if (r.status() < 0 || r.status() >= 500) {
                why = "server error";
            } else if (r.status() >= 400 && !r.isProblem()) {
                why = "not problem+json (" + r.contentType() + ")";
            } else if (mustFail && r.status() < 400) {
                why = "accepted";
            } else {
                why = rule.apply(a, r);
            }
            if (why != null) {
                failures.add(String.format("%s [%s]: %s, %d %s", a.operation(), a.label(), why, r.status(),
                        AuthorizationMatrix.abbreviate(r.body())));
            }
        }
        return new Report(attacks.size(), statuses, failures);
    }

    /**
     * A fingerprint of every table of the public schema that {@code include} accepts: row count and an md5 of the
     * rows in a stable order. Equal fingerprints before and after a run mean nothing was written.
     */
    public static Map<String, String> fingerprint(Connection c, Predicate<String> include) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                        + "AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                if (include.test(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : tables) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) || ':' || "
                    + "coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') FROM \"" + t + "\" x")) {
                rs.next();
                out.put(t, rs.getString(1));
            }
        }
        return out;
    }

    private static String render(JsonNode body) {
        String json = body.toString();
        return json.replace("\"" + LONE_SURROGATE_MARKER.replace("\u0001", "\\u0001") + "\"", "\"a\\ud800b\"")
                .replace("\"" + HUGE_NUMBER_MARKER.replace("\u0001", "\\u0001") + "\"", "1e30")
                .replace("\"" + OVERFLOW_MARKER.replace("\u0001", "\\u0001") + "\"", "9223372036854775808");
    }

    private static String label(String s) {
        if (s.equals(LONE_SURROGATE_MARKER)) {
            return "lone surrogate";
        }
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().limit(24).forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x200B && cp <= 0x202E) || cp == 0xFEFF) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }
}
