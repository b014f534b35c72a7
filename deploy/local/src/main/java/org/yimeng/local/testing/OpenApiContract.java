package org.yimeng.local.testing;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

/**
 * A served OpenAPI 3.1 document as a contract that live answers are checked against: each response body is validated
 * with a JSON Schema 2020-12 validator (networknt, OpenAPI 3.1 dialect, formats asserted) against the schema the
 * document declares for its operation, status and content type, {@code $ref}s resolved to
 * {@code #/components/schemas}. {@link #lint()} checks the document's own conventions (operation ids, problem bodies,
 * bounded lists, anchored patterns, no empty response schemas).
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final JsonNode document;
    private final Map<String, JsonSchema> compiled = new HashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** The document served at {@code baseUrl + /q/openapi?format=json}. */
    public static OpenApiContract fetch(String baseUrl) {
        Http.Answer a = new Http(baseUrl).send("GET", "/q/openapi?format=json", null, null);
        if (a.status() != 200) {
            throw new IllegalStateException("GET /q/openapi answered " + a.status());
        }
        return parse(a.body());
    }

    public static OpenApiContract parse(String json) {
        try {
            return new OpenApiContract(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("not an OpenAPI JSON document", e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** {@code "GET /api/v1/x/{id}"} for every operation of {@code method} whose path starts with one of the prefixes. */
    public List<String> operations(String method, String... prefixes) {
        List<String> out = new ArrayList<>();
        eachOperation((key, op) -> {
            if (key.startsWith(method.toUpperCase(Locale.ROOT) + " ")) {
                String path = key.substring(key.indexOf(' ') + 1);
                for (String p : prefixes) {
                    if (path.startsWith(p)) {
                        out.add(key);
                        break;
                    }
                }
            }
        });
        return out;
    }

    /**
     * What is wrong with an answer to {@code operation} ({@code "GET /api/v1/x/{id}"}) by the document: an undeclared
     * status or content type, or each schema violation of a JSON body (empty when it conforms).
     */
    public List<String> validate(String operation, Http.Answer answer) {
        JsonNode op = operation(operation);
        if (op == null) {
            return List.of(operation + ": not in the document");
        }
        String status = Integer.toString(answer.status());
        JsonNode response = op.path("responses").path(status);
        if (response.isMissingNode()) {
            response = op.path("responses").path("default");
        }
        if (response.isMissingNode()) {
            return List.of(operation + " " + status + ": status not declared");
        }
        String type = answer.contentType() == null ? "" : answer.contentType().split(";")[0].trim();
        JsonNode media = response.path("content").path(type);
        if (media.isMissingNode()) {
            return List.of(operation + " " + status + ": content type '" + type + "' not declared (declared "
                    + fieldNames(response.path("content")) + ")");
        }
        if (!isJson(type)) {
            return List.of(); // files (CSV, XLSX) and streams (NDJSON): the content type is what is checked
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            return List.of(operation + " " + status + ": body is not JSON: " + abbreviate(answer.body()));
        }
        JsonNode schema = media.path("schema");
        if (schema.isMissingNode() || schema.isEmpty()) {
            return List.of(operation + " " + status + " " + type + ": empty schema");
        }
        String pointer = pointer("paths", operation.substring(operation.indexOf(' ') + 1),
                operation.substring(0, operation.indexOf(' ')).toLowerCase(Locale.ROOT), "responses",
                response == op.path("responses").path(status) ? status : "default", "content", type, "schema");
        List<String> errors = new ArrayList<>();
        for (ValidationMessage m : schema(pointer, schema).validate(body)) {
            errors.add(operation + " " + status + ": " + m.getMessage());
        }
        return errors;
    }

    /** Violations of {@code value} against the schema at a JSON pointer into the document ({@code #/components/…}). */
    public List<String> validateValue(String pointer, JsonNode value) {
        JsonNode schema = document.at(pointer.substring(1));
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("nothing at " + pointer);
        }
        return schema(pointer, schema).validate(value).stream().map(ValidationMessage::getMessage).toList();
    }

    /** Every {@code pattern} of the document: JSON pointer of the schema that holds it → the pattern. */
    public Map<String, String> patterns() {
        Map<String, String> out = new LinkedHashMap<>();
        collectPatterns(document, "", out);
        return out;
    }

    /**
     * The document's own conventions, each breach one line: every {@code /api/} and {@code /public/} operation has a unique camelCase
     * {@code operationId}; every 4xx/5xx answer has an {@code application/problem+json} body; every {@code limit} is
     * bounded 1..500 with default 50; every pattern is anchored ({@code ^…$}); no 2xx JSON answer has an empty schema.
     */
    public List<String> lint() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        eachOperation((key, op) -> {
            String path = key.substring(key.indexOf(' ') + 1);
            if (!path.startsWith("/api/") && !path.startsWith("/public/")) {
                return; // the service's own /q/ endpoints and test-only resources
            }
            String id = op.path("operationId").asText("");
            if (id.isEmpty()) {
                problems.add(key + ": no operationId (add @Operation(operationId = \"camelCaseVerbNoun\"))");
            } else if (!CAMEL.matcher(id).matches()) {
                problems.add(key + ": operationId '" + id + "' is not camelCase");
            } else if (!ids.add(id)) {
                problems.add(key + ": operationId '" + id + "' used twice");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> r = it.next();
                JsonNode content = r.getValue().path("content");
                if (r.getKey().matches("[45][0-9][0-9]")) {
                    if (!content.has("application/problem+json")) {
                        problems.add(key + " " + r.getKey() + ": no application/problem+json body");
                    }
                } else if (r.getKey().startsWith("2")) {
                    for (Iterator<Map.Entry<String, JsonNode>> m = content.fields(); m.hasNext();) {
                        Map.Entry<String, JsonNode> media = m.next();
                        JsonNode s = media.getValue().path("schema");
                        if (isJson(media.getKey()) && (s.isMissingNode() || s.isEmpty())) {
                            problems.add(key + " " + r.getKey() + " " + media.getKey() + ": empty schema");
                        }
                    }
                }
            }
            for (JsonNode p : op.path("parameters")) {
                if (p.path("in").asText().equals("query") && p.path("name").asText().equals("limit")) {
                    JsonNode s = p.path("schema");
                    if (s.path("minimum").asInt(-1) != 1 || s.path("maximum").asInt(-1) != 500
                            || s.path("default").asInt(-1) != 50) {
                        problems.add(key + ": limit is not bounded 1..500 with default 50: " + s);
                    }
                }
            }
        });
        patterns().forEach((where, p) -> {
            if (!p.startsWith("^") || !p.endsWith("$")) {
                problems.add(where + ": pattern '" + p + "' is not anchored (^…$)");
            }
        });
        return problems;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private JsonSchema schema(String pointer, JsonNode schema) {
        return compiled.computeIfAbsent(pointer, k -> {
            ObjectNode root = JSON.createObjectNode();
            root.set("components", document.path("components"));
            if (schema.isObject()) {
                schema.fields().forEachRemaining(f -> root.set(f.getKey(), f.getValue()));
            }
            return FACTORY.getSchema(URI.create("https://openapi.local/document"), root, CONFIG);
        });
    }

    private void eachOperation(BiConsumer<String, JsonNode> action) {
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    action.accept(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), op.getValue());
                }
            }
        }
    }

    private JsonNode operation(String key) {
        String method = key.substring(0, key.indexOf(' ')).toLowerCase(Locale.ROOT);
        JsonNode op = document.path("paths").path(key.substring(key.indexOf(' ') + 1)).path(method);
        return op.isMissingNode() ? null : op;
    }

    private static void collectPatterns(JsonNode node, String at, Map<String, String> out) {
        if (node.isObject()) {
            JsonNode p = node.get("pattern");
            if (p instanceof TextNode t) {
                out.put("#" + at, t.asText());
            }
            node.fields().forEachRemaining(f -> collectPatterns(f.getValue(), at + "/" + escape(f.getKey()), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPatterns(node.get(i), at + "/" + i, out);
            }
        }
    }

    private static String pointer(String... parts) {
        StringBuilder b = new StringBuilder("#");
        for (String p : parts) {
            b.append('/').append(escape(p));
        }
        return b.toString();
    }

    private static String escape(String part) {
        return part.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
