package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The whole validation of one overlay: render it, validate every object against its schema, then apply the
 * platform rules. An overlay named "prod" is held to the production rules.
 */
public final class ManifestCheck {

    /** The rendered objects (empty if rendering failed) and every problem found. */
    public record Result(Path overlay, List<ObjectNode> objects, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }

        @Override
        public String toString() {
            return overlay + ": " + (problems.isEmpty() ? "valid" : problems.size() + " problem(s)\n  " + String.join("\n  ", problems));
        }
    }

    private ManifestCheck() {
    }

    public static Result check(Path overlay, PlatformRules.Context context) {
        List<ObjectNode> objects;
        try {
            objects = ManifestRenderer.render(overlay);
        } catch (ManifestException e) {
            return new Result(overlay, List.of(), List.of("cannot render: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        SchemaValidator schemas = SchemaValidator.get();
        for (ObjectNode object : objects) {
            problems.addAll(schemas.validate(object));
        }
        problems.addAll(PlatformRules.check(objects, context));
        return new Result(overlay, objects, problems);
    }

    /** The context for the checked-out project: Topics.ALL and each service's application.properties. */
    public static PlatformRules.Context context(Path projectRoot, boolean production) {
        Map<String, Set<String>> variables = new LinkedHashMap<>();
        for (PlatformRules.ServiceSpec service : PlatformRules.SERVICES) {
            variables.put(service.name(), RequiredConfig.forService(projectRoot, service.name()));
        }
        return new PlatformRules.Context(production, TopicCatalog.fromCommonModel(projectRoot), variables);
    }

    /** Every overlay directory (a directory with a kustomization) below {@code overlays}. */
    public static List<Path> overlays(Path overlays) {
        try (Stream<Path> children = Files.list(overlays)) {
            return children.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isProduction(Path overlay) {
        return overlay.getFileName().toString().equals("prod");
    }
}
