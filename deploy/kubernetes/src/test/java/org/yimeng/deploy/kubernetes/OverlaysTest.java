package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every overlay renders, every object is valid against its schema, and the platform rules hold. */
class OverlaysTest {

    @Test
    void devAndProdOverlaysExist() {
        List<String> names = ManifestCheck.overlays(Project.OVERLAYS).stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("dev", "prod")), "overlays found: " + names);
    }

    @TestFactory
    Stream<DynamicTest> everyOverlayIsValid() {
        return ManifestCheck.overlays(Project.OVERLAYS).stream().map(overlay -> DynamicTest.dynamicTest(
                overlay.getFileName() + " renders and validates", () -> {
                    ManifestCheck.Result result = ManifestCheck.check(overlay, Project.context(overlay));
                    assertTrue(result.passed(), result.toString());
                    assertTrue(result.objects().size() > 20, "suspiciously few objects: " + result.objects().size());
                    writeRendered(overlay, result.objects());
                }));
    }

    @Test
    void productionRunsEveryServiceWithTheReleasedImage() {
        Path prod = Project.OVERLAYS.resolve("prod");
        List<ObjectNode> objects = ManifestRenderer.render(prod);
        List<String> images = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment"))
                .map(o -> o.at("/spec/template/spec/containers/0/image").asText()).sorted().toList();
        assertEquals(List.of("registry.yimeng.example/yimeng/donation-service:1.0.0",
                "registry.yimeng.example/yimeng/volunteer-service:1.0.0"), images);
    }

    /** The rendered YAML is kept in target/rendered for review (and for kubectl apply --dry-run, where a cluster is). */
    private static void writeRendered(Path overlay, List<ObjectNode> objects) throws Exception {
        Path out = Project.MANIFESTS.resolve("target/rendered/" + overlay.getFileName() + ".yaml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Yaml.write(objects));
    }
}
