package org.yimeng.local.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operations a running service serves, read from its own OpenAPI document ({@code /q/openapi?format=json}), so
 * that tests cover what is actually deployed rather than a hand-kept list. Schemas come back with {@code $ref}s
 * resolved against {@code components/schemas}.
 */
public final class OpenApiOperations {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    static final ObjectMapper JSON = new ObjectMapper();

    /** One query or path parameter. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /** One operation: upper-case method, path template, parameters and the (resolved) JSON request body schema. */
    public record Operation(String method, String path, List<Parameter> parameters, JsonNode requestBody) {
        /** {@code "POST /api/v1/households"}: how tables name an operation. */
        public String key() {
            return method + " " + path;
        }

        public List<Parameter> query() {
            return parameters.stream().filter(p -> p.in().equals("query")).toList();
        }

        public boolean hasBody() {
            return requestBody != null;
        }
    }

    private final JsonNode document;
    private final List<Operation> operations;

    private OpenApiOperations(JsonNode document) {
        this.document = document;
        this.operations = read();
    }

    /** Fetches and reads the document of the service at {@code baseUrl} (e.g. {@code http://localhost:8081}). */
    public static OpenApiOperations fetch(String baseUrl) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + r.statusCode());
            }
            return parse(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static OpenApiOperations parse(String json) {
        try {
            return new OpenApiOperations(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("not an OpenAPI JSON document", e);
        }
    }

    public List<Operation> all() {
        return operations;
    }

    /** Operations whose path starts with one of the prefixes (e.g. {@code /api/}, {@code /public/}). */
    public List<Operation> under(String... prefixes) {
        return operations.stream().filter(o -> {
            for (String p : prefixes) {
                if (o.path().startsWith(p)) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    private List<Operation> read() {
        List<Operation> out = new ArrayList<>();
        JsonNode paths = document.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            List<Parameter> shared = parameters(path.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                List<Parameter> params = new ArrayList<>(shared);
                params.addAll(parameters(op.getValue().path("parameters")));
                JsonNode body = op.getValue().path("requestBody").path("content");
                JsonNode schema = null;
                if (body.has("application/json")) {
                    schema = resolve(body.path("application/json").path("schema"), 0);
                } else if (body.size() > 0) {
                    schema = resolve(body.elements().next().path("schema"), 0);
                }
                out.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(params), schema));
            }
        }
        return List.copyOf(out);
    }

    private List<Parameter> parameters(JsonNode list) {
        List<Parameter> out = new ArrayList<>();
        for (JsonNode p : list) {
            JsonNode param = p.has("$ref") ? lookup(p.get("$ref").asText()) : p;
            out.add(new Parameter(param.path("name").asText(), param.path("in").asText(),
                    param.path("required").asBoolean(false), resolve(param.path("schema"), 0)));
        }
        return out;
    }

    /** A copy of the schema with every {@code $ref} replaced by its target (recursion stops after a few levels). */
    JsonNode resolve(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 8) {
            return schema;
        }
        if (schema.has("$ref")) {
            return resolve(lookup(schema.get("$ref").asText()), depth + 1);
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "properties" -> {
                    ObjectNode props = JSON.createObjectNode();
                    v.fields().forEachRemaining(p -> props.set(p.getKey(), resolve(p.getValue(), depth + 1)));
                    copy.set("properties", props);
                }
                case "items", "additionalProperties" -> copy.set(f.getKey(), resolve(v, depth + 1));
                case "allOf", "oneOf", "anyOf" -> {
                    var arr = JSON.createArrayNode();
                    v.forEach(e -> arr.add(resolve(e, depth + 1)));
                    copy.set(f.getKey(), arr);
                }
                default -> copy.set(f.getKey(), v);
            }
        }
        return copy;
    }

    private JsonNode lookup(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("external $ref not supported: " + ref);
        }
        JsonNode node = document;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }
}
