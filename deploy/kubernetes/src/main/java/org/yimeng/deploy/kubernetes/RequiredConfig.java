package org.yimeng.deploy.kubernetes;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a service needs in production: the ones every service reads (the platform's
 * contract) plus every {@code ${ENV}} without a default used in a key that applies to the prod profile
 * ({@code %prod.} keys, and unprofiled keys no {@code %prod.} key overrides) of the configuration the service
 * reads: the service kit's shared defaults and the service's application.properties. Read from the source, so a
 * variable added to a service later is required of the manifests at once.
 */
public final class RequiredConfig {
    public static final List<String> PLATFORM_VARIABLES = List.of("QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER", "QUARKUS_HTTP_PORT");
    /** ${NAME} or ${NAME:default}; only upper-case names are environment variables, others are properties. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(:[^}]*)?}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private RequiredConfig() {
    }

    static final String KIT_DEFAULTS = "common-model/service-kit/src/main/resources/META-INF/microprofile-config.properties";

    /** Variables the service under {@code projectRoot/service} needs in prod. */
    public static Set<String> forService(Path projectRoot, String service) {
        StringBuilder configuration = new StringBuilder();
        // Later lines win in Properties, as the service's file wins over the kit's defaults in Quarkus.
        for (Path file : List.of(projectRoot.resolve(KIT_DEFAULTS),
                projectRoot.resolve(service).resolve("src/main/resources/application.properties"))) {
            if (Files.isRegularFile(file)) {
                try {
                    configuration.append(Files.readString(file)).append('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Set<String> required = new TreeSet<>(PLATFORM_VARIABLES);
        required.addAll(fromProperties(configuration.toString()));
        return required;
    }

    /** Variables without a default referenced by the prod-profile keys of one application.properties text. */
    public static Set<String> fromProperties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> prod = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                prod.putIfAbsent(key, properties.getProperty(key));
            }
        }
        for (String key : properties.stringPropertyNames()) {
            int dot = key.indexOf('.');
            // %prod.key and multi-profile keys such as %prod,staging.key
            if (key.startsWith("%") && dot > 0 && List.of(key.substring(1, dot).split(",")).contains("prod")) {
                prod.put(key.substring(dot + 1), properties.getProperty(key));
            }
        }
        Set<String> variables = new TreeSet<>();
        for (String value : prod.values()) {
            Matcher reference = REFERENCE.matcher(value);
            while (reference.find()) {
                if (reference.group(2) == null && ENV_NAME.matcher(reference.group(1)).matches()) {
                    variables.add(reference.group(1));
                }
            }
        }
        return variables;
    }
}
