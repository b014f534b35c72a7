package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;

/** Identifies a rendered object the way Kustomize does: group, version, kind, namespace and name. */
public record ResourceId(String group, String version, String kind, String namespace, String name) {

    public static ResourceId of(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        JsonNode metadata = object.path("metadata");
        String namespace = metadata.path("namespace").isTextual() ? metadata.path("namespace").asText() : "";
        return new ResourceId(group, version, object.path("kind").asText(""), namespace, metadata.path("name").asText(""));
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " (" + apiVersion() + ")";
    }
}
