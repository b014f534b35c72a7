package org.yimeng.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every overlay tells both services which browser origins may call them (CORS) and which proxy's X-Forwarded-For the
 * rate limits believe; the origins are exact https origins, never a wildcard or a pattern.
 */
class BrowserAccessConfigTest {
    static final Pattern HTTPS_ORIGIN = Pattern.compile("https://[a-z0-9.-]+(:[0-9]+)?");
    static final Pattern CIDR = Pattern.compile("[0-9a-fA-F:.]+(/[0-9]{1,3})?");

    @TestFactory
    List<DynamicTest> everyOverlaySetsOriginsAndTrustedProxiesForBothServices() {
        return ManifestCheck.overlays(Project.OVERLAYS).stream().flatMap(overlay -> List.of("volunteer-service",
                "donation-service").stream().map(service -> DynamicTest.dynamicTest(
                        overlay.getFileName() + " " + service, () -> check(overlay, service)))).toList();
    }

    private static void check(Path overlay, String service) {
        List<ObjectNode> objects = ManifestRenderer.render(overlay);
        JsonNode data = objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
                && o.at("/metadata/name").asText().equals(service + "-config")).findFirst().orElseThrow().path("data");
        String origins = data.path("QUARKUS_HTTP_CORS_ORIGINS").asText("");
        assertFalse(origins.isBlank(), "no CORS origins for " + service);
        for (String origin : origins.split(",")) {
            assertTrue(HTTPS_ORIGIN.matcher(origin).matches(), "not an exact https origin: " + origin);
        }
        String proxies = data.path("KIT_RATE_LIMIT_TRUSTED_PROXIES").asText("");
        assertFalse(proxies.isBlank(), "no trusted proxies for " + service);
        for (String p : proxies.split(",")) {
            assertTrue(CIDR.matcher(p.trim()).matches(), "not an address or CIDR block: " + p);
        }
        // the Deployment reads the ConfigMap whole, so the values reach the container
        ObjectNode deployment = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")
                && o.at("/metadata/name").asText().equals(service)).findFirst().orElseThrow();
        assertEquals(service + "-config",
                deployment.at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name").asText());
    }
}
