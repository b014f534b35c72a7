package org.yimeng.local.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real headless Chromium (Debian's package, found on the PATH) driven over the DevTools protocol with the JDK's
 * WebSocket client: nothing is downloaded at run time and no HTML parser stands in for the browser. One process per
 * {@code Browser}, a fresh profile in a temp dir; {@link #open} gives a tab of a chosen width.
 *
 * <pre>
 * try (Browser b = Browser.launch(); Browser.Tab tab = b.open(url, 375, 800, true)) {
 *     String text = tab.eval("document.body.innerText");
 *     tab.screenshot(Path.of("target/screenshots/page-375.png"));
 * }
 * </pre>
 */
public final class Browser implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private Browser(Process process, Path profile, String wsUrl) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create(wsUrl), new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The Chromium executable: {@code -Dbrowser.chromium=...}, else {@code chromium} on the PATH. */
    public static String executable() {
        String configured = System.getProperty("browser.chromium");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new IllegalStateException("no Chromium on the PATH: apt-get install chromium fonts-noto-cjk "
                + "(.ci/run installs it)");
    }

    /** Starts a headless Chromium with a fresh profile and connects to its DevTools endpoint. */
    public static Browser launch() {
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            Process p = new ProcessBuilder(executable(), "--headless", "--remote-debugging-port=0", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                    "--user-data-dir=" + profile, "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<String> url = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            url.complete(m.group(1));
                        }
                    }
                    url.completeExceptionally(new IllegalStateException("Chromium exited before listening"));
                } catch (IOException e) {
                    url.completeExceptionally(e);
                }
            }, "chromium-stderr");
            reader.setDaemon(true);
            reader.start();
            return new Browser(p, profile, url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("could not start Chromium: " + e, e);
        }
    }

    /** Sends one DevTools command (of the browser, or of a session) and waits for its result. */
    JsonNode send(String sessionId, String method, Map<String, ?> params) {
        long id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) {
                socket.sendText(msg.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            JsonNode r = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new IllegalStateException(method + ": " + r.get("error"));
            }
            return r.path("result");
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(method + ": " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Waits for an event of the session matching {@code method} and {@code filter}, seen since {@code since}. */
    JsonNode awaitEvent(String sessionId, String method, int since, Predicate<JsonNode> filter) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (events) {
            while (true) {
                for (int i = since; i < events.size(); i++) {
                    JsonNode e = events.get(i);
                    if (method.equals(e.path("method").asText()) && sessionId.equals(e.path("sessionId").asText())
                            && filter.test(e.path("params"))) {
                        return e.path("params");
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no " + method + " within " + TIMEOUT);
                }
                try {
                    events.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    int eventCount() {
        synchronized (events) {
            return events.size();
        }
    }

    /**
     * Opens {@code url} in a new tab of {@code width}×{@code height} CSS pixels (a phone is 375 wide, with a mobile
     * viewport), with or without JavaScript, and waits for its load event.
     */
    public Tab open(String url, int width, int height, boolean javaScript) {
        String targetId = send(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        String session = send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId").asText();
        Tab tab = new Tab(targetId, session);
        send(session, "Page.enable", Map.of());
        send(session, "Runtime.enable", Map.of());
        send(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
        if (!javaScript) {
            send(session, "Emulation.setScriptExecutionDisabled", Map.of("value", true));
        }
        tab.navigate(url);
        return tab;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the process goes anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a temp dir; Chromium's helper processes may still be removing their own files while the walk runs
        }
    }

    /** One tab. */
    public final class Tab implements AutoCloseable {
        private final String targetId;
        private final String session;

        private Tab(String targetId, String session) {
            this.targetId = targetId;
            this.session = session;
        }

        /** Loads {@code url} and waits for the load event; answers the HTTP status of the document. */
        public int navigate(String url) {
            int since = eventCount();
            JsonNode nav = send(session, "Page.navigate", Map.of("url", url));
            if (nav.hasNonNull("errorText") && !nav.path("errorText").asText().isEmpty()) {
                throw new IllegalStateException("navigate " + url + ": " + nav.path("errorText").asText());
            }
            awaitEvent(session, "Page.loadEventFired", since, p -> true);
            return (int) Double.parseDouble(eval("String((performance.getEntriesByType('navigation')[0] || {}).responseStatus || 0)"));
        }

        /**
         * Evaluates a JavaScript expression in the page (a promise is awaited) and answers its value as a string (a
         * JSON text for objects). Works on a page with its own scripts disabled: DevTools evaluation still runs.
         */
        public String eval(String expression) {
            JsonNode r = send(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                    "awaitPromise", true));
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException("eval " + expression + ": " + r.get("exceptionDetails"));
            }
            JsonNode v = r.path("result").path("value");
            return v.isTextual() ? v.asText() : v.toString();
        }

        /** Waits until {@code condition} (a JavaScript expression) is truthy. */
        public void waitFor(String condition) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!"true".equals(eval("Boolean(" + condition + ")"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not within " + TIMEOUT + ": " + condition);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** A PNG of the whole page (beyond the viewport) written to {@code file}; answers its bytes. */
        public byte[] screenshot(Path file) {
            JsonNode shot = send(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
            byte[] png = Base64.getDecoder().decode(shot.path("data").asText());
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, png);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return png;
        }

        /**
         * Basic accessibility of the page as rendered: {@code <html lang>} set, every form control labelled
         * (a {@code <label for>}, a wrapping label, {@code aria-label} or {@code aria-labelledby}), every image with
         * {@code alt}, and the WCAG 2.1 contrast ratio of every visible text element against its nearest opaque
         * background at least 4.5 (3 for large text). Answers the problems found, empty when none.
         */
        public List<String> accessibilityProblems() {
            String json = eval(ACCESSIBILITY);
            try {
                List<String> out = new ArrayList<>();
                JSON.readTree(json).forEach(n -> out.add(n.asText()));
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            send(null, "Target.closeTarget", Map.of("targetId", targetId));
        }
    }

    private static final String ACCESSIBILITY = """
            (() => {
              const out = [];
              if (!document.documentElement.lang) out.push('html has no lang');
              for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
                const labelled = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]'))
                  || el.closest('label') || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
                if (!labelled) out.push('unlabelled ' + el.outerHTML.slice(0, 80));
              }
              for (const img of document.querySelectorAll('img')) {
                if (!img.hasAttribute('alt')) out.push('img without alt ' + img.outerHTML.slice(0, 80));
              }
              const rgb = s => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
                const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
              const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
              const background = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                  if (c && c.a >= 0.99) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
              for (const el of document.body.querySelectorAll('*')) {
                const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                if (!own || !el.getClientRects().length) continue;
                const st = getComputedStyle(el);
                if (st.visibility === 'hidden') continue;
                const fg = rgb(st.color), bg = background(el);
                const l1 = lum(fg), l2 = lum(bg);
                const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight) >= 700;
                const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
                if (ratio < need) out.push('contrast ' + ratio.toFixed(2) + ' < ' + need + ': ' + el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '"');
              }
              return JSON.stringify(out);
            })()
            """;

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode msg = JSON.readTree(text);
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.get(msg.get("id").asLong());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else {
                        synchronized (events) {
                            events.add(msg);
                            events.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // not JSON: ignore
                }
            }
            ws.request(1);
            return null;
        }
    }
}
