package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kustomize subset behaves like Kustomize and refuses what it does not implement. */
class ManifestRendererTest {
    @TempDir
    Path dir;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: yimeng/web:1
                      env:
                        - name: A
                          value: "1"
                        - name: B
                          value: "2"
                    - name: sidecar
                      image: other/sidecar:3
            """;

    @Test
    void strategicMergeMergesContainersAndEnvByNameAndNullDeletes() throws Exception {
        write("base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        write("base/deployment.yaml", DEPLOYMENT);
        write("overlay/kustomization.yaml", "resources:\n  - ../base\nnamespace: ns\npatches:\n  - path: patch.yaml\n"
                + "images:\n  - name: yimeng/web\n    newName: registry.example/yimeng/web\n    newTag: \"2\"\n");
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - name: B
                              value: "3"
                            - name: C
                              value: "4"
                          resources: null
                """);
        List<ObjectNode> objects = ManifestRenderer.render(dir.resolve("overlay"));
        JsonNode containers = objects.get(0).at("/spec/template/spec/containers");
        assertEquals(2, containers.size(), "the sidecar is kept");
        assertEquals("registry.example/yimeng/web:2", containers.get(0).path("image").asText());
        assertEquals("other/sidecar:3", containers.get(1).path("image").asText());
        assertEquals("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"3\"},{\"name\":\"C\",\"value\":\"4\"}]",
                containers.get(0).path("env").toString());
        assertEquals("ns", objects.get(0).at("/metadata/namespace").asText());
    }

    @Test
    void jsonPatchWithTargetAppliesToEveryMatch() throws Exception {
        write("k/kustomization.yaml", """
                resources:
                  - topics.yaml
                patches:
                  - target:
                      group: kafka.strimzi.io
                      kind: KafkaTopic
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: 1
                """);
        write("k/topics.yaml", """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: a.v1
                spec:
                  replicas: 3
                ---
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata:
                  name: b.v1
                spec:
                  replicas: 3
                """);
        List<ObjectNode> objects = ManifestRenderer.render(dir.resolve("k"));
        assertTrue(objects.stream().allMatch(o -> o.at("/spec/replicas").asInt() == 1));
    }

    @Test
    void unsupportedKustomizeFeaturesAreRefused() throws Exception {
        write("k/kustomization.yaml", "resources: []\nconfigMapGenerator:\n  - name: x\n");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestRenderer.render(dir.resolve("k")));
        assertTrue(e.getMessage().contains("'configMapGenerator' is not supported"), e.getMessage());
    }

    @Test
    void filesOutsideTheKustomizationAreRefusedAsKustomizeDoes() throws Exception {
        write("shared/deployment.yaml", DEPLOYMENT);
        write("k/kustomization.yaml", "resources:\n  - ../shared/deployment.yaml\n");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestRenderer.render(dir.resolve("k")));
        assertTrue(e.getMessage().contains("outside the kustomization directory"), e.getMessage());
    }

    @Test
    void aPatchThatMatchesNothingIsAnError() throws Exception {
        write("k/kustomization.yaml", "resources:\n  - deployment.yaml\npatches:\n  - path: patch.yaml\n");
        write("k/deployment.yaml", DEPLOYMENT);
        write("k/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: webb\nspec:\n  paused: true\n");
        assertThrows(ManifestException.class, () -> ManifestRenderer.render(dir.resolve("k")));
    }

    @Test
    void duplicateObjectsAreAnError() throws Exception {
        write("k/kustomization.yaml", "resources:\n  - a.yaml\n  - b.yaml\n");
        write("k/a.yaml", DEPLOYMENT);
        write("k/b.yaml", DEPLOYMENT);
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestRenderer.render(dir.resolve("k")));
        assertTrue(e.getMessage().contains("defined twice"), e.getMessage());
    }

    @Test
    void imageDigestReplacesTheTag() {
        JsonNode image = Yaml.readTree("name: yimeng/web\ndigest: sha256:abc\n", "test");
        assertEquals("yimeng/web@sha256:abc", ManifestRenderer.replaceImage("yimeng/web:1", image));
        assertEquals("registry:5000/other", ManifestRenderer.replaceImage("registry:5000/other", image));
        assertFalse(ManifestRenderer.replaceImage("yimeng/webapp:1", image).contains("sha256"));
    }

    private void write(String path, String content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
