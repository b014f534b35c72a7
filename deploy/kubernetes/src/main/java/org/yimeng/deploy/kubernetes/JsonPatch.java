package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** RFC 6902 add, replace and remove, which is what our overlays use; other operations are refused. */
final class JsonPatch {
    private JsonPatch() {
    }

    static void apply(ObjectNode target, JsonNode operations, String source) {
        if (!operations.isArray()) {
            throw new ManifestException(source + ": a JSON 6902 patch must be a list of operations");
        }
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            String path = operation.path("path").asText(null);
            if (path == null) {
                throw new ManifestException(source + ": operation without path: " + operation);
            }
            List<String> tokens = tokens(path);
            if (tokens.isEmpty()) {
                throw new ManifestException(source + ": cannot patch the whole document");
            }
            JsonNode parent = target;
            for (String token : tokens.subList(0, tokens.size() - 1)) {
                parent = child(parent, token);
                if (parent == null) {
                    throw new ManifestException(source + ": path " + path + " does not exist");
                }
            }
            String last = tokens.get(tokens.size() - 1);
            switch (op) {
                case "add" -> add(parent, last, value(operation, source), path, source);
                case "replace" -> {
                    if (child(parent, last) == null) {
                        throw new ManifestException(source + ": replace of missing " + path);
                    }
                    set(parent, last, value(operation, source), path, source);
                }
                case "remove" -> {
                    if (child(parent, last) == null) {
                        throw new ManifestException(source + ": remove of missing " + path);
                    }
                    if (parent instanceof ObjectNode object) {
                        object.remove(last);
                    } else {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    }
                }
                default -> throw new ManifestException(source + ": unsupported JSON patch operation '" + op + "'");
            }
        }
    }

    private static JsonNode value(JsonNode operation, String source) {
        if (!operation.has("value")) {
            throw new ManifestException(source + ": operation without value: " + operation);
        }
        return operation.get("value").deepCopy();
    }

    private static void add(JsonNode parent, String token, JsonNode value, String path, String source) {
        if (parent instanceof ArrayNode array) {
            if (token.equals("-")) {
                array.add(value);
            } else {
                int index = index(token, array.size() + 1, path, source);
                array.insert(index, value);
            }
        } else if (parent instanceof ObjectNode object) {
            object.set(token, value);
        } else {
            throw new ManifestException(source + ": cannot add below a scalar at " + path);
        }
    }

    private static void set(JsonNode parent, String token, JsonNode value, String path, String source) {
        if (parent instanceof ArrayNode array) {
            array.set(index(token, array.size(), path, source), value);
        } else {
            ((ObjectNode) parent).set(token, value);
        }
    }

    private static int index(String token, int bound, String path, String source) {
        try {
            int index = Integer.parseInt(token);
            if (index < 0 || index >= bound) {
                throw new ManifestException(source + ": index out of range in " + path);
            }
            return index;
        } catch (NumberFormatException e) {
            throw new ManifestException(source + ": not a list index in " + path);
        }
    }

    private static JsonNode child(JsonNode node, String token) {
        if (node instanceof ObjectNode object) {
            return object.get(token);
        }
        if (node instanceof ArrayNode array && token.matches("\\d+")) {
            int index = Integer.parseInt(token);
            return index < array.size() ? array.get(index) : null;
        }
        return null;
    }

    private static List<String> tokens(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new ManifestException("JSON pointer must start with '/': " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
