package org.yimeng.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** How the local run starts the services: on this machine only, open to browser pages of localhost. */
class LocalPlatformTest {

    LocalPlatform platform() throws Exception {
        return new LocalPlatform(Path.of("."), Files.createTempDirectory("local-platform-test"), 8080, 8081, 0, 0);
    }

    @Test
    void servicesListenOnLoopbackOnlyUnlessToldOtherwise() throws Exception {
        try (LocalPlatform p = platform()) {
            List<String> cmd = p.serviceCommand("volunteer-service");
            assertTrue(cmd.contains("-Dquarkus.http.host=127.0.0.1"), cmd.toString());
            assertFalse(cmd.stream().anyMatch(a -> a.startsWith("-Dquarkus.http.host=0.0.0.0")));
            assertEquals("http://127.0.0.1:8080", p.baseUrl("volunteer-service"));

            p.withHost("0.0.0.0");
            assertTrue(p.serviceCommand("donation-service").contains("-Dquarkus.http.host=0.0.0.0"));
            assertEquals("http://127.0.0.1:8081", p.baseUrl("donation-service"));
        }
    }

    @Test
    void localOriginsAreLocalhostAndLoopbackOnAnyPortAndNothingElse() throws Exception {
        try (LocalPlatform p = platform()) {
            assertTrue(p.serviceCommand("donation-service").contains("-Dquarkus.http.cors.origins=" + LocalPlatform.LOCAL_ORIGINS));
        }
        String value = LocalPlatform.LOCAL_ORIGINS;
        assertTrue(value.startsWith("/") && value.endsWith("/"), "a regular expression entry for Quarkus");
        assertFalse(value.contains(",") || value.contains("\\"), "Quarkus' list syntax would split or unescape it");
        // as Quarkus' CORS filter reads it: the text between the slashes, matched against the whole Origin
        Pattern origins = Pattern.compile(value.substring(1, value.length() - 1));
        for (String ok : List.of("http://localhost", "http://localhost:5173", "http://127.0.0.1:8080", "http://127.0.0.1")) {
            assertTrue(origins.matcher(ok).matches(), ok);
        }
        for (String no : List.of("https://evil.example", "http://localhost.evil.example", "http://127.0.0.1.evil.example",
                "http://127x0x0x1:80", "http://localhost:80@evil.example", "null")) {
            assertFalse(origins.matcher(no).matches(), no);
        }
    }
}
