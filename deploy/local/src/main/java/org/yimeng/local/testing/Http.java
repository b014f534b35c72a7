package org.yimeng.local.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The plain HTTP client the runners share: one request, the status, the content type and the body as text. */
public final class Http {
    /** What came back. */
    public record Answer(int status, String contentType, String body) {
        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String baseUrl;

    public Http(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Sends one request. {@code pathAndQuery} must already be encoded; {@code body} null sends none (a POST, PUT or
     * PATCH then sends an empty body); {@code authorization} null sends no Authorization header.
     */
    public Answer send(String method, String pathAndQuery, String authorization, String body,
            Map<String, String> headers) {
        return send(method, pathAndQuery, authorization, body, headers, false);
    }

    /**
     * As {@link #send(String, String, String, String, Map)}; a {@code chunked} body is sent without a Content-Length
     * (HTTP/1.1 chunked transfer encoding), as a client that streams it would.
     */
    public Answer send(String method, String pathAndQuery, String authorization, String body,
            Map<String, String> headers, boolean chunked) {
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (chunked) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            publisher = HttpRequest.BodyPublishers.ofString(body);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).method(method, publisher);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        headers.forEach(b::setHeader);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        } catch (IOException e) {
            // a server that resets the connection instead of answering is a finding, not a test crash
            return new Answer(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Answer send(String method, String pathAndQuery, String authorization, String body) {
        return send(method, pathAndQuery, authorization, body, Map.of());
    }
}
