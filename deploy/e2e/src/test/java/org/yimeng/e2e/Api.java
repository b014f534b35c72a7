package org.yimeng.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.yimeng.local.LocalPlatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A small JSON client for the two services, as a front end or a collector would call them. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final LocalPlatform platform;

    Api(LocalPlatform platform) {
        this.platform = platform;
    }

    /** An answer: status and parsed body (null when empty or not JSON); status -1 when the service was unreachable. */
    record Answer(int status, JsonNode body) {
        String text(String field) {
            return body == null || body.get(field) == null ? null : body.get(field).asText();
        }
    }

    String token(String role, Map<String, String> scope) {
        return platform.tokens().mint(role, scope);
    }

    Answer get(String service, String path, String token) {
        return send(service, HttpRequest.newBuilder(uri(service, path)).GET(), token);
    }

    Answer post(String service, String path, String token, Object body, Map<String, String> headers) {
        try {
            var b = HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            headers.forEach(b::header);
            return send(service, b, token);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer send(String service, HttpRequest.Builder b, String token) {
        b.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (!r.body().isEmpty()) {
                try {
                    body = JSON.readTree(r.body());
                } catch (IOException notJson) {
                    body = null;
                }
            }
            return new Answer(r.statusCode(), body);
        } catch (IOException e) {
            return new Answer(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null);
        }
    }

    private URI uri(String service, String path) {
        return URI.create(platform.baseUrl(service) + path);
    }
}
