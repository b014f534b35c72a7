package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a Kustomize directory the way {@code kubectl kustomize} does, for the subset of Kustomize the
 * manifests use: resources (files and kustomization directories), namespace, labels (metadata only), patches
 * (strategic merge from a file, or inline JSON 6902 / strategic merge with a target) and images. Any other
 * kustomization field is an error, so a manifest can never rely on a feature this renderer would silently skip.
 * Like Kustomize, files must lie inside the kustomization's directory; other kustomizations may be anywhere.
 * KubectlParityTest checks the output against kubectl's wherever kubectl is installed.
 */
public final class ManifestRenderer {
    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "namespace", "labels", "resources", "patches", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "RuntimeClass");
    /** Kustomize's "legacy" output order: these kinds first, in this order; then the rest by group/version/kind. */
    private static final List<String> KIND_ORDER = List.of("Namespace", "ResourceQuota", "StorageClass",
            "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
            "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass",
            "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob",
            "PodDisruptionBudget");
    private static final List<String> KIND_ORDER_LAST =
            List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    private ManifestRenderer() {
    }

    /** The objects of the kustomization in {@code directory}, in Kustomize's output order. */
    public static List<ObjectNode> render(Path directory) {
        List<ObjectNode> objects = new ArrayList<>(build(directory.toAbsolutePath().normalize()).values());
        objects.sort(Comparator.comparing(ResourceId::of, ManifestRenderer::compareIds));
        return objects;
    }

    private static Map<ResourceId, ObjectNode> build(Path directory) {
        Path file = kustomizationFile(directory);
        if (file == null) {
            throw new ManifestException(directory + ": no kustomization.yaml");
        }
        List<ObjectNode> documents = Yaml.readDocuments(file);
        if (documents.size() != 1) {
            throw new ManifestException(file + ": must hold exactly one document");
        }
        ObjectNode kustomization = documents.get(0);
        Iterator<String> names = kustomization.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!SUPPORTED_FIELDS.contains(name)) {
                throw new ManifestException(file + ": kustomization field '" + name + "' is not supported by "
                        + "ManifestRenderer; keep overlays to resources, namespace, labels, patches and images");
            }
        }
        if (!"Kustomization".equals(kustomization.path("kind").asText("Kustomization"))) {
            throw new ManifestException(file + ": kind must be Kustomization");
        }

        Map<ResourceId, ObjectNode> objects = new LinkedHashMap<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = directory.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                build(resource).values().forEach(object -> add(objects, object, file));
            } else {
                requireInside(directory, resource, file);
                if (!Files.isRegularFile(resource)) {
                    throw new ManifestException(file + ": resource " + entry.asText() + " not found");
                }
                Yaml.readDocuments(resource).forEach(object -> add(objects, object, resource));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(objects, patch, directory, file);
        }
        if (kustomization.hasNonNull("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            for (ObjectNode object : objects.values()) {
                if (!CLUSTER_SCOPED.contains(object.path("kind").asText())) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }
        for (JsonNode labels : kustomization.path("labels")) {
            if (labels.path("includeSelectors").asBoolean(false) || labels.path("includeTemplates").asBoolean(false)) {
                throw new ManifestException(file + ": labels with includeSelectors/includeTemplates are not "
                        + "supported (selectors are immutable; set template labels in the manifests)");
            }
            for (ObjectNode object : objects.values()) {
                ObjectNode target = metadata(object).has("labels")
                        ? (ObjectNode) metadata(object).get("labels") : metadata(object).putObject("labels");
                labels.path("pairs").fields().forEachRemaining(pair -> target.set(pair.getKey(), pair.getValue()));
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.values().forEach(object -> replaceImages(object, image));
        }
        return rekey(objects);
    }

    private static void add(Map<ResourceId, ObjectNode> objects, ObjectNode object, Path source) {
        ResourceId id = ResourceId.of(object);
        if (id.kind().isEmpty() || id.name().isEmpty() || id.version().isEmpty()) {
            throw new ManifestException(source + ": object without apiVersion, kind or metadata.name");
        }
        if (objects.putIfAbsent(id, object) != null) {
            throw new ManifestException(source + ": " + id + " is defined twice");
        }
    }

    private static void applyPatch(Map<ResourceId, ObjectNode> objects, JsonNode patch, Path directory, Path file) {
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("path", "patch", "target").contains(field)) {
                throw new ManifestException(file + ": patch field '" + field + "' is not supported");
            }
        }
        String source;
        String text;
        if (patch.hasNonNull("path")) {
            Path patchFile = directory.resolve(patch.get("path").asText()).normalize();
            requireInside(directory, patchFile, file);
            source = patchFile.toString();
            text = Yaml.read(patchFile);
        } else if (patch.hasNonNull("patch")) {
            source = file + " (inline patch)";
            text = patch.get("patch").asText();
        } else {
            throw new ManifestException(file + ": a patch needs path or patch");
        }
        JsonNode target = patch.get("target");
        JsonNode parsed = Yaml.readTree(text, source);
        if (parsed != null && parsed.isArray()) {
            if (target == null) {
                throw new ManifestException(source + ": a JSON 6902 patch needs a target");
            }
            List<ObjectNode> matches = select(objects, target, source);
            for (ObjectNode object : matches) {
                JsonPatch.apply(object, parsed, source);
            }
            return;
        }
        for (ObjectNode document : Yaml.readDocuments(text, source)) {
            List<ObjectNode> matches = target != null ? select(objects, target, source) : List.of(byPatchId(objects, document, source));
            for (ObjectNode object : matches) {
                if ("delete".equals(document.path("$patch").asText())) {
                    objects.values().remove(object);
                    continue;
                }
                ObjectNode body = document.deepCopy();
                if (target == null) {
                    // apiVersion, kind and name identify the target; they are not changed by the patch.
                    body.remove(List.of("apiVersion", "kind"));
                    ObjectNode meta = (ObjectNode) body.get("metadata");
                    meta.remove(List.of("name", "namespace"));
                } else {
                    body.remove(List.of("apiVersion", "kind", "metadata"));
                    if (document.has("metadata")) {
                        ObjectNode meta = document.get("metadata").deepCopy();
                        meta.remove(List.of("name", "namespace"));
                        body.set("metadata", meta);
                    }
                }
                StrategicMerge.apply(object, body, StrategicMerge.isBuiltIn(ResourceId.of(object)));
            }
        }
    }

    private static ObjectNode byPatchId(Map<ResourceId, ObjectNode> objects, ObjectNode patch, String source) {
        ResourceId wanted = ResourceId.of(patch);
        List<ObjectNode> found = objects.values().stream().filter(object -> {
            ResourceId id = ResourceId.of(object);
            return id.group().equals(wanted.group()) && id.version().equals(wanted.version())
                    && id.kind().equals(wanted.kind()) && id.name().equals(wanted.name())
                    && (wanted.namespace().isEmpty() || wanted.namespace().equals(id.namespace()));
        }).toList();
        if (found.size() != 1) {
            throw new ManifestException(source + ": patch target " + wanted + " matches " + found.size() + " objects");
        }
        return found.get(0);
    }

    private static List<ObjectNode> select(Map<ResourceId, ObjectNode> objects, JsonNode target, String source) {
        for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("group", "version", "kind", "name", "namespace").contains(field)) {
                throw new ManifestException(source + ": patch target field '" + field + "' is not supported");
            }
        }
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode object : objects.values()) {
            ResourceId id = ResourceId.of(object);
            if (matches(target, "group", id.group()) && matches(target, "version", id.version())
                    && matches(target, "kind", id.kind()) && matches(target, "name", id.name())
                    && matches(target, "namespace", id.namespace())) {
                matches.add(object);
            }
        }
        if (matches.isEmpty()) {
            throw new ManifestException(source + ": patch target " + target + " matches nothing");
        }
        return matches;
    }

    /** Kustomize matches target fields as anchored regular expressions. */
    private static boolean matches(JsonNode target, String field, String value) {
        return !target.hasNonNull(field) || Pattern.matches(target.get(field).asText(), value);
    }

    private static void replaceImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
                        && field.getValue().isArray()) {
                    for (JsonNode container : field.getValue()) {
                        if (container.path("image").isTextual()) {
                            String replaced = replaceImage(container.get("image").asText(), image);
                            ((ObjectNode) container).put("image", replaced);
                        }
                    }
                }
                replaceImages(field.getValue(), image);
            });
        } else if (node.isArray()) {
            node.forEach(child -> replaceImages(child, image));
        }
    }

    static String replaceImage(String reference, JsonNode image) {
        int at = reference.indexOf('@');
        int colon = reference.lastIndexOf(':');
        String name;
        String suffix;
        if (at >= 0) {
            name = reference.substring(0, at);
            suffix = reference.substring(at);
        } else if (colon > reference.lastIndexOf('/')) {
            name = reference.substring(0, colon);
            suffix = reference.substring(colon);
        } else {
            name = reference;
            suffix = "";
        }
        if (!name.equals(image.path("name").asText())) {
            return reference;
        }
        String newName = image.path("newName").asText(name);
        if (image.hasNonNull("digest")) {
            suffix = "@" + image.get("digest").asText();
        } else if (image.hasNonNull("newTag")) {
            suffix = ":" + image.get("newTag").asText();
        }
        return newName + suffix;
    }

    private static ObjectNode metadata(ObjectNode object) {
        return object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    }

    private static Map<ResourceId, ObjectNode> rekey(Map<ResourceId, ObjectNode> objects) {
        Map<ResourceId, ObjectNode> result = new LinkedHashMap<>();
        objects.values().forEach(object -> result.put(ResourceId.of(object), object));
        return result;
    }

    private static void requireInside(Path root, Path file, Path kustomization) {
        if (!file.startsWith(root)) {
            throw new ManifestException(kustomization + ": " + file + " lies outside the kustomization directory; "
                    + "reference its kustomization directory instead");
        }
    }

    private static Path kustomizationFile(Path directory) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(directory.resolve(name))) {
                return directory.resolve(name);
            }
        }
        return null;
    }

    private static int compareIds(ResourceId a, ResourceId b) {
        int byKind = Integer.compare(rank(a.kind()), rank(b.kind()));
        if (byKind != 0) {
            return byKind;
        }
        if (rank(a.kind()) == KIND_ORDER.size()) {
            int byGvk = gvk(a).compareTo(gvk(b));
            if (byGvk != 0) {
                return byGvk;
            }
        }
        int byNamespace = a.namespace().compareTo(b.namespace());
        return byNamespace != 0 ? byNamespace : a.name().compareTo(b.name());
    }

    private static int rank(String kind) {
        int first = KIND_ORDER.indexOf(kind);
        if (first >= 0) {
            return first;
        }
        int last = KIND_ORDER_LAST.indexOf(kind);
        return last >= 0 ? KIND_ORDER.size() + 1 + last : KIND_ORDER.size();
    }

    private static String gvk(ResourceId id) {
        return (id.group().isEmpty() ? "~G" : id.group()) + "_" + id.version() + "_" + id.kind();
    }
}
