package org.yimeng.deploy.kubernetes;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates rendered objects offline against OpenAPI schemas: the Kubernetes API definitions that
 * io.fabric8:kubernetes-model-validator ships (which also cover the Prometheus Operator's ServiceMonitor and
 * PrometheusRule), plus schemas/operators.openapi.yaml for the Strimzi and CloudNativePG resources. Unknown
 * fields, wrong types, bad enum values and missing required fields are errors; so is an object of a kind no
 * schema describes, so nothing passes unchecked.
 * <p>
 * We look schemas up ourselves instead of using fabric8's Validator, which maps groups such as
 * networking.k8s.io to names that do not exist and then reports no error at all. Two definitions are widened
 * to what the API server accepts: IntOrString and Quantity are plain strings in the bundled document, but
 * {@code maxUnavailable: 1} and {@code cpu: 1} are valid.
 */
public final class SchemaValidator {
    private static final String KUBERNETES_SCHEMA = "/openshift-generated.json";
    private static final String OPERATOR_SCHEMA = "/schemas/operators.openapi.yaml";
    private static final String GVK = "x-kubernetes-group-version-kind";

    private static volatile SchemaValidator instance;

    private final OpenAPI api;
    private final com.atlassian.oai.validator.schema.SchemaValidator validator;
    private final Map<String, Schema<?>> operatorSchemas = new HashMap<>();

    private SchemaValidator() {
        api = parse(resource(KUBERNETES_SCHEMA), KUBERNETES_SCHEMA);
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        schemas.put("io.k8s.apimachinery.pkg.util.intstr.IntOrString",
                new Schema<>().anyOf(List.of(new IntegerSchema(), new StringSchema())));
        schemas.put("io.k8s.apimachinery.pkg.api.resource.Quantity",
                new Schema<>().anyOf(List.of(new IntegerSchema(), new NumberSchema(), new StringSchema())));
        OpenAPI operators = parse(resource(OPERATOR_SCHEMA), OPERATOR_SCHEMA);
        for (Map.Entry<String, Schema> entry : operators.getComponents().getSchemas().entrySet()) {
            if (schemas.put(entry.getKey(), entry.getValue()) != null) {
                throw new IllegalStateException(OPERATOR_SCHEMA + " redefines " + entry.getKey());
            }
            Object gvks = entry.getValue().getExtensions() == null ? null : entry.getValue().getExtensions().get(GVK);
            if (gvks instanceof List<?> list) {
                for (Object gvk : list) {
                    Map<?, ?> map = (Map<?, ?>) gvk;
                    operatorSchemas.put(key(String.valueOf(map.get("group")), String.valueOf(map.get("version")),
                            String.valueOf(map.get("kind"))), entry.getValue());
                }
            }
        }
        validator = new com.atlassian.oai.validator.schema.SchemaValidator(api, new MessageResolver());
    }

    /** Parsing the 6 MB Kubernetes document takes seconds, so one instance serves every test. */
    public static SchemaValidator get() {
        if (instance == null) {
            synchronized (SchemaValidator.class) {
                if (instance == null) {
                    instance = new SchemaValidator();
                }
            }
        }
        return instance;
    }

    /** Problems with one object, each naming the object and the JSON path; empty when it is valid. */
    public List<String> validate(JsonNode object) {
        ResourceId id = ResourceId.of(object);
        Schema<?> schema = schemaFor(id);
        List<String> problems = new ArrayList<>();
        if (schema == null) {
            problems.add(id + ": no schema for " + id.apiVersion() + " " + id.kind()
                    + " (a kind or API version the platform does not use; add its schema before using it)");
            return problems;
        }
        ValidationReport report = validator.validate(() -> object, schema, null);
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                problems.add(id + ": " + message.getMessage());
            }
        }
        return problems;
    }

    private Schema<?> schemaFor(ResourceId id) {
        Schema<?> operator = operatorSchemas.get(key(id.group(), id.version(), id.kind()));
        if (operator != null) {
            return operator;
        }
        return api.getComponents().getSchemas().get(kubernetesPrefix(id.group()) + "." + id.version() + "." + id.kind());
    }

    /** The definition-name prefix of an API group in the Kubernetes OpenAPI document. */
    static String kubernetesPrefix(String group) {
        if (group.isEmpty()) {
            return "io.k8s.api.core";
        }
        if (group.endsWith(".k8s.io")) {
            String first = group.substring(0, group.indexOf('.'));
            return group.equals("apiextensions.k8s.io") ? "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions"
                    : "io.k8s.api." + first;
        }
        if (!group.contains(".")) {
            return "io.k8s.api." + group;
        }
        List<String> parts = new ArrayList<>(List.of(group.split("\\.")));
        java.util.Collections.reverse(parts);
        return String.join(".", parts);
    }

    private static String key(String group, String version, String kind) {
        return group + "/" + version + "/" + kind;
    }

    private static OpenAPI parse(String content, String name) {
        ParseOptions options = new ParseOptions();
        for (var extension : OpenAPIV3Parser.getExtensions()) {
            SwaggerParseResult result = extension.readContents(content, null, options);
            if (result != null && result.getOpenAPI() != null) {
                return result.getOpenAPI();
            }
        }
        throw new IllegalStateException("cannot parse " + name);
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(SchemaValidator.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
