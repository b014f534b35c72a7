package org.yimeng.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes Kubernetes YAML; duplicate keys are an error, as they are for the API server. */
public final class Yaml {
    public static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    // "8080" in a ConfigMap must stay a string when the output is read again.
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .build();

    private Yaml() {
    }

    /** Every non-empty document of a (multi-document) YAML text; each must be a mapping. */
    public static List<ObjectNode> readDocuments(String text, String source) {
        List<ObjectNode> documents = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(text);
             MappingIterator<JsonNode> it = MAPPER.readValues(parser, JsonNode.class)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!node.isObject()) {
                    throw new ManifestException(source + ": a document must be a mapping, found " + node.getNodeType());
                }
                documents.add((ObjectNode) node);
            }
        } catch (IOException e) {
            throw new ManifestException(source + ": " + e.getMessage(), e);
        }
        return documents;
    }

    public static List<ObjectNode> readDocuments(Path file) {
        return readDocuments(read(file), file.toString());
    }

    public static JsonNode readTree(String text, String source) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new ManifestException(source + ": " + e.getMessage(), e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(List<? extends JsonNode> documents) {
        StringBuilder out = new StringBuilder();
        for (JsonNode document : documents) {
            if (out.length() > 0) {
                out.append("---\n");
            }
            try {
                out.append(MAPPER.writeValueAsString(document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }
}
