package org.yimeng.deploy.kubernetes;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The topics the manifests must create. The source of truth is {@code Topics.ALL} in common-model, the same list
 * the local stack creates topics from. It is compiled here from the checked-out source rather than taken as a
 * Maven dependency, so that this module validates on its own ({@code mvn -pl deploy/kubernetes verify}) without
 * common-model being installed, and always against the source being deployed. events.md, the design document
 * the list was written from, is cross-checked when it is present beside the repository.
 */
public final class TopicCatalog {
    static final String TOPICS_SOURCE = "common-model/src/main/java/org/yimeng/model/event/Topics.java";
    private static final Pattern EVENTS_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*(\\(compacted\\))?\\s*\\|");

    private TopicCatalog() {
    }

    /** Topics.ALL of the common-model source under {@code projectRoot}. */
    public static List<TopicSpec> fromCommonModel(Path projectRoot) {
        Path source = projectRoot.resolve(TOPICS_SOURCE);
        if (!Files.isRegularFile(source)) {
            throw new IllegalStateException("topic list not found: " + source);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run the build on a JDK");
        }
        Path classes = null;
        try {
            classes = Files.createTempDirectory("topics");
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = compiler.run(null, null, errors, "-d", classes.toString(), "-sourcepath",
                    projectRoot.resolve("common-model/src/main/java").toString(), "-proc:none", source.toString());
            if (status != 0) {
                throw new IllegalStateException("cannot compile " + source + ":\n" + errors.toString(StandardCharsets.UTF_8));
            }
            try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                Class<?> topics = loader.loadClass("org.yimeng.model.event.Topics");
                List<TopicSpec> result = new ArrayList<>();
                for (Object spec : (List<?>) topics.getField("ALL").get(null)) {
                    Method name = spec.getClass().getMethod("name");
                    Method compacted = spec.getClass().getMethod("compacted");
                    result.add(new TopicSpec((String) name.invoke(spec), (Boolean) compacted.invoke(spec)));
                }
                return List.copyOf(result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Topics.ALL is not a list of (name, compacted) records", e);
        } finally {
            delete(classes);
        }
    }

    /** The topic table of events.md: every row whose first cell is a `topic`, "(compacted)" where marked. */
    public static List<TopicSpec> fromEventsMarkdown(String markdown) {
        List<TopicSpec> topics = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            Matcher row = EVENTS_ROW.matcher(line.trim());
            if (row.find()) {
                topics.add(new TopicSpec(row.group(1), row.group(2) != null));
            }
        }
        return topics;
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
