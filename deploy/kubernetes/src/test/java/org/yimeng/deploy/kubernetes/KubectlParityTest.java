package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where kubectl is installed, ManifestRenderer must produce exactly what {@code kubectl kustomize} produces,
 * object for object and in the same order, so validating our rendering is validating what gets applied. Where
 * kubectl is missing (CI's fresh machine) the test is skipped; the validation itself never needs it.
 */
class KubectlParityTest {

    static Stream<Path> overlaysAndFixtures() {
        // The broken fixtures too: they exercise $patch: delete, JSON 6902 add/remove and extra resources.
        return Stream.concat(ManifestCheck.overlays(Project.OVERLAYS).stream(), ManifestCheck.overlays(Project.BROKEN).stream());
    }

    @ParameterizedTest(name = "{0} renders like kubectl kustomize")
    @MethodSource("overlaysAndFixtures")
    void rendersLikeKubectl(Path overlay) throws Exception {
        Path kubectl = kubectl();
        Assumptions.assumeTrue(kubectl != null, "kubectl not installed: parity not checked here");
        List<ObjectNode> expected = Yaml.readDocuments(run(kubectl, overlay), "kubectl kustomize " + overlay);
        List<ObjectNode> actual = ManifestRenderer.render(overlay);
        assertEquals(ids(expected), ids(actual), "objects or their order differ");
        for (int i = 0; i < expected.size(); i++) {
            ObjectNode theirs = expected.get(i);
            ObjectNode ours = actual.get(i);
            // JSON equality: same fields and values, list order significant, map order not.
            assertEquals(theirs, ours, () -> "differs from kubectl:\n" + Yaml.write(List.of(theirs))
                    + "--- ours ---\n" + Yaml.write(List.of(ours)));
        }
    }

    private static List<ResourceId> ids(List<ObjectNode> objects) {
        return objects.stream().map(ResourceId::of).toList();
    }

    static Path kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String run(Path kubectl, Path overlay) throws Exception {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed");
        }
        return output;
    }
}
