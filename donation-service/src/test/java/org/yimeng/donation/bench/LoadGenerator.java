package org.yimeng.donation.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The donation load generator, run as its own JVM beside the service (as a client would be) so that its CPU use is
 * its own process's and the service's event loops serve only the service. One Vert.x event loop, keep-alive
 * connections, a fresh Idempotency-Key per request.
 *
 * <pre>
 * closed &lt;base-url&gt; &lt;token&gt; &lt;piggy-bank-code&gt; &lt;in-flight&gt; &lt;seconds&gt;   as many as the service answers
 * open   &lt;base-url&gt; &lt;token&gt; &lt;piggy-bank-code&gt; &lt;per-second&gt; &lt;seconds&gt;  on a fixed schedule, whatever the answers
 * </pre>
 *
 * Each run starts with {@value #WARM_UP_SECONDS} s of the same load that is not recorded (this JVM warming up is not the
 * service's latency). Prints one line {@code RESULT ok=… failed=… seconds=… p50us=… p99us=… maxus=… cpus=…}: the open loop measures each
 * latency from the request's scheduled send time, so a stalled service cannot hide its queue (coordinated omission).
 */
public final class LoadGenerator {
    private final HttpClient client;
    private final String token;
    private final Buffer body;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long[] latencies;
    private final AtomicLong recorded = new AtomicLong();
    private static final int WARM_UP_SECONDS = 3;
    private volatile boolean recording;

    private LoadGenerator(Vertx vertx, URI base, String token, String code, int connections, int capacity) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.token = "Bearer " + token;
        this.body = Buffer.buffer("{\"piggyBankCode\":\"" + code + "\",\"amountFen\":100,\"channel\":\"WECHAT\"}");
        this.latencies = new long[capacity];
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI base = URI.create(args[1]);
        int n = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        boolean closed = "closed".equals(mode);
        LoadGenerator g = new LoadGenerator(vertx, base, args[2], args[3], closed ? n : 256,
                closed ? 20_000 * seconds : n * seconds + 1);
        // this JVM's own start (class loading, JIT, connecting) must not count as the service's latency
        g.recording = false;
        if (closed) {
            g.closedLoop(n, WARM_UP_SECONDS);
        } else {
            g.openLoop(n, WARM_UP_SECONDS);
        }
        g.recording = true;
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        if (closed) {
            g.closedLoop(n, seconds);
        } else {
            g.openLoop(n, seconds);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        long[] l = Arrays.copyOf(g.latencies, (int) Math.min(g.recorded.get(), g.latencies.length));
        Arrays.sort(l);
        System.out.printf(Locale.ROOT, "RESULT ok=%d failed=%d seconds=%.3f p50us=%d p99us=%d maxus=%d cpus=%.2f%n",
                g.ok.get(), g.failed.get(), elapsed, p(l, 50) / 1000, p(l, 99) / 1000, p(l, 100) / 1000, cpu);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void send(long from, Runnable done) {
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/donations")
                .putHeader("Authorization", token).putHeader("Content-Type", "application/json")
                .putHeader("Idempotency-Key", UUID.randomUUID().toString()))
                .compose(req -> req.send(body)).compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(ar -> {
                    if (!recording) {
                        done.run();
                        return;
                    }
                    if (ar.succeeded() && ar.result() == 201) {
                        ok.incrementAndGet();
                        long i = recorded.getAndIncrement();
                        if (i < latencies.length) {
                            latencies[(int) i] = System.nanoTime() - from;
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                    done.run();
                });
    }

    private void closedLoop(int inFlight, int seconds) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            slots.acquire();
            send(System.nanoTime(), slots::release);
        }
        slots.acquire(inFlight);
    }

    private void openLoop(int perSecond, int seconds) throws InterruptedException {
        int total = perSecond * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(scheduled, done::countDown);
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            failed.addAndGet(done.getCount());
        }
    }

    private static long p(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    // ---- launching it from a test JVM ------------------------------------------------------------------------------

    /** What one run printed. */
    public record Run(long ok, long failed, double seconds, long p50us, long p99us, long maxus, double cpuSeconds) {
        public double rate() {
            return ok / seconds;
        }
    }

    /** Starts the generator as a separate JVM on this JVM's class path and waits for its result line. */
    public static Run run(String mode, String baseUrl, String token, String code, int n, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LoadGenerator.class.getName(), mode, baseUrl, token, code, Integer.toString(n), Integer.toString(seconds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 180L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("load generator failed:\n" + out);
        }
        String line = out.lines().filter(s -> s.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result from the load generator:\n" + out));
        java.util.Map<String, String> v = new java.util.HashMap<>();
        for (String kv : line.substring(7).split(" ")) {
            String[] parts = kv.split("=", 2);
            v.put(parts[0], parts[1]);
        }
        return new Run(Long.parseLong(v.get("ok")), Long.parseLong(v.get("failed")), Double.parseDouble(v.get("seconds")),
                Long.parseLong(v.get("p50us")), Long.parseLong(v.get("p99us")), Long.parseLong(v.get("maxus")),
                Double.parseDouble(v.get("cpus")));
    }
}
