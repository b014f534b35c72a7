package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The strategic-merge-patch rules Kustomize applies, for the shapes our overlays use. Maps merge key by key and a
 * null deletes. Lists of Kubernetes types merge by their patchMergeKey (containers by name, volumeMounts by
 * mountPath, ...), other lists are replaced. For custom resources, which Kustomize merges without a schema, a
 * list of maps merges by the first key from Kustomize's inference list that every item has; otherwise it is
 * replaced. Any other $patch directive is refused rather than guessed.
 */
final class StrategicMerge {
    /** patchMergeKey of the Kubernetes list fields, by field name; "ports" depends on where it is. */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"),
            Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"),
            Map.entry("env", "name"),
            Map.entry("volumes", "name"),
            Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"),
            Map.entry("imagePullSecrets", "name"),
            Map.entry("hostAliases", "ip"),
            Map.entry("topologySpreadConstraints", "topologyKey"),
            Map.entry("resourceClaims", "name"),
            Map.entry("conditions", "type"));
    /** The keys Kustomize (kyaml) tries, in order, to merge schema-less lists. */
    private static final List<String> INFERRED_KEYS =
            List.of("mountPath", "devicePath", "ip", "type", "topologyKey", "name", "containerPort");
    /** API groups whose types Kustomize knows (it has their OpenAPI schema). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io",
            "coordination.k8s.io", "discovery.k8s.io", "node.k8s.io", "apiextensions.k8s.io");

    private StrategicMerge() {
    }

    static boolean isBuiltIn(ResourceId id) {
        return BUILT_IN_GROUPS.contains(id.group());
    }

    static void apply(ObjectNode target, ObjectNode patch, boolean builtIn) {
        mergeObject(target, patch, builtIn, "");
    }

    private static void mergeObject(ObjectNode target, ObjectNode patch, boolean builtIn, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                throw new ManifestException("unsupported strategic merge directive " + key + " at " + path);
            }
            JsonNode existing = target.get(key);
            String childPath = path + "/" + key;
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                mergeObject((ObjectNode) existing, (ObjectNode) value, builtIn, childPath);
            } else if (value.isArray() && existing != null && existing.isArray()) {
                target.set(key, mergeList((ArrayNode) existing, (ArrayNode) value, builtIn, key, path));
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static ArrayNode mergeList(ArrayNode target, ArrayNode patch, boolean builtIn, String field, String parentPath) {
        String key = builtIn ? builtInMergeKey(field, parentPath) : inferredMergeKey(target, patch);
        if (key == null) {
            return patch.deepCopy();
        }
        ArrayNode result = target.deepCopy();
        for (JsonNode item : patch) {
            if (!item.isObject() || !item.has(key)) {
                throw new ManifestException("list item without merge key " + key + " at " + parentPath + "/" + field);
            }
            ObjectNode match = null;
            for (JsonNode candidate : result) {
                if (candidate.isObject() && item.get(key).equals(candidate.get(key))) {
                    match = (ObjectNode) candidate;
                    break;
                }
            }
            if (match == null) {
                result.add(item.deepCopy());
            } else {
                mergeObject(match, (ObjectNode) item, builtIn, parentPath + "/" + field);
            }
        }
        return result;
    }

    private static String builtInMergeKey(String field, String parentPath) {
        if (field.equals("ports")) {
            // Container ports merge by containerPort, Service ports by port.
            return parentPath.endsWith("/containers") || parentPath.endsWith("/initContainers") ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(field);
    }

    private static String inferredMergeKey(ArrayNode target, ArrayNode patch) {
        for (String key : INFERRED_KEYS) {
            if (allHave(target, key) && allHave(patch, key)) {
                return key;
            }
        }
        return null;
    }

    private static boolean allHave(ArrayNode list, String key) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has(key)) {
                return false;
            }
        }
        return true;
    }
}
