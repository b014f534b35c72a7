package org.yimeng.volunteer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The load generator of {@link MixBench} and {@link ResidentMixBench}, run as its own JVM beside the service (as real
 * clients are), so that the service's JVM does nothing but serve and the generator's CPU is counted apart. One Vert.x
 * event loop and N keep-alive connections in a closed loop: each connection sends its next request as soon as the last
 * one is answered, picking the operation by the weights of the mode's mix ({@link #MIX} for the workers' county mix,
 * {@link #RESIDENT_MIX} for the residents' own door) and its records at random from the plan file.
 *
 * <pre>
 * java -cp … MixLoad &lt;base-url&gt; &lt;plan-file&gt; &lt;connections&gt; &lt;warm-up-seconds&gt; &lt;seconds&gt; [county|resident]
 * </pre>
 *
 * The plan file (written by the bench) holds tab-separated lines: {@code K token} (the county admin's),
 * {@code D yyyy-mm-dd} (the service's today), {@code C community token grid,grid,…}, {@code H id community unpaired},
 * {@code V id community free}; for the resident mix {@code A activity community secret-hex lat lng} (an activity in
 * its check-in window, with the secret the organiser's first code request made) and {@code R volunteer community
 * token signed-up-activity|-} (a resident with a RESIDENT token whose {@code sub} is linked to the record; signed up
 * for that activity and not yet checked in, or free). Prints one {@code OP name count errors p50us p95us p99us maxus
 * statuses} line per operation of the measured phase and {@code RESULT seconds=… cpus=…}.
 */
public final class MixLoad {
    /** Operation and weight (per 100): 80 reads, 20 writes. */
    public static final Map<String, Integer> MIX = new LinkedHashMap<>();
    static {
        MIX.put("GET /volunteers/{id}", 18);
        MIX.put("GET /households/{id}", 18);
        MIX.put("GET /households?communityId&paired=false (page 1 + cursor page 2)", 10);
        MIX.put("GET /volunteers?communityId&status=ACTIVE&skill", 8);
        MIX.put("GET /pairings?communityId&status=ACTIVE", 8);
        MIX.put("GET /households?gridId (county admin)", 6);
        MIX.put("GET /coverage?communityId", 12);
        MIX.put("POST /volunteers", 5);
        MIX.put("POST /households", 5);
        MIX.put("POST /households/{id}/surveys", 6);
        MIX.put("POST /pairings", 4);
    }

    /**
     * The residents' own door on a day of activities (per 100): the app opens on "me" (this week's minutes, what is
     * left to 60, upcoming sign-ups), residents browse what is on, some sign up for an activity of their community
     * that is under way, those signed up scan the organiser's code at the door; each organiser's screen fetches a
     * fresh code as the old one turns. Reads 76, writes 24 (a check-in of someone who signed up today follows a
     * sign-up; the others signed up earlier).
     */
    public static final Map<String, Integer> RESIDENT_MIX = new LinkedHashMap<>();
    static {
        RESIDENT_MIX.put("GET /me", 40);
        RESIDENT_MIX.put("GET /me/activities", 30);
        RESIDENT_MIX.put("POST /activities/{id}/signups {}", 12);
        RESIDENT_MIX.put("POST /me/check-in (fresh code)", 12);
        RESIDENT_MIX.put("GET /activities/{id}/attendance-code (organiser)", 6);
    }

    /** The operation mix of a mode: {@code county} (MixBench's) or {@code resident}. */
    public static Map<String, Integer> mix(String mode) {
        return switch (mode) {
            case "county" -> MIX;
            case "resident" -> RESIDENT_MIX;
            default -> throw new IllegalArgumentException(mode);
        };
    }

    private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient client;
    private String countyToken;
    private String today;
    private final List<String> communities = new ArrayList<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, List<String>> gridsOf = new HashMap<>();
    private final List<String[]> households = new ArrayList<>();
    private final List<String[]> volunteers = new ArrayList<>();
    private final Map<String, Queue<String>> unpaired = new HashMap<>();
    private final Map<String, Queue<String>> freeVolunteers = new HashMap<>();
    private final AtomicLong phones = new AtomicLong();
    private final Map<String, Integer> mix;
    /** Resident mode: activities in their check-in window by community, residents, who may sign up, who may check in. */
    private final Map<String, List<Activity>> activitiesOf = new HashMap<>();
    private final Map<String, Activity> activities = new HashMap<>();
    private final List<String[]> residents = new ArrayList<>();
    private final List<Activity> activityList = new ArrayList<>();
    private final Queue<String[]> mayCheckIn = new java.util.ArrayDeque<>();
    private final Queue<String[]> maySignUp = new java.util.ArrayDeque<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Latencies (µs) and statuses of the phase being recorded, per operation; only touched on the event loop. */
    private final Map<String, long[]> latencies = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Map<Integer, Integer>> statuses = new HashMap<>();
    private volatile boolean recording;

    private record Activity(String id, String community, byte[] secret, String lat, String lng) {
    }

    private MixLoad(Vertx vertx, URI base, int connections, Map<String, Integer> mix) {
        this.mix = mix;
        this.client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        mix.keySet().forEach(op -> {
            latencies.put(op, new long[200_000]);
            counts.put(op, 0);
            statuses.put(op, new HashMap<>());
        });
        // phones unique per run: 18 + 9 digits, away from the loader's 16… numbers
        phones.set(ThreadLocalRandom.current().nextLong(100_000_000L) * 5);
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int connections = Integer.parseInt(args[2]);
        int warmUp = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        Map<String, Integer> mix = mix(args.length > 5 ? args[5] : "county");
        MixLoad g = new MixLoad(vertx, base, connections, mix);
        g.readPlan(Path.of(args[1]));
        g.phase(vertx, connections, warmUp); // the service's and this JVM's JIT, pools, caches
        g.recording = true;
        System.out.println("MEASURING");
        System.out.flush();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        g.phase(vertx, connections, seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuBefore) / 1e9;
        for (String op : mix.keySet()) {
            int n = g.counts.get(op);
            long[] l = Arrays.copyOf(g.latencies.get(op), Math.min(n, g.latencies.get(op).length));
            Arrays.sort(l);
            Map<Integer, Integer> st = g.statuses.get(op);
            int errors = st.entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() >= 300)
                    .mapToInt(Map.Entry::getValue).sum();
            System.out.printf(Locale.ROOT, "OP\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s%n", op, n, errors, p(l, 50), p(l, 95),
                    p(l, 99), p(l, 100), st.toString().replace(' ', '_'));
        }
        System.out.printf(Locale.ROOT, "RESULT seconds=%.3f cpus=%.2f%n", elapsed, cpu);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Every connection sends one request after another until the phase ends. */
    private void phase(Vertx vertx, int connections, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            vertx.runOnContext(v -> next(end, done));
        }
        if (!done.await(seconds + 120L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still unanswered 120 s after the end of the phase");
        }
    }

    private void next(long end, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        String op = pick();
        long t0 = System.nanoTime();
        boolean record = recording;
        execute(op).onComplete(ar -> {
            if (record) {
                int status = ar.succeeded() ? ar.result() : -1;
                int n = counts.merge(op, 1, Integer::sum) - 1;
                long[] l = latencies.get(op);
                if (n < l.length) {
                    l[n] = (System.nanoTime() - t0) / 1000;
                }
                statuses.get(op).merge(status, 1, Integer::sum);
            }
            next(end, done);
        });
    }

    private String pick() {
        int r = ThreadLocalRandom.current().nextInt(100);
        for (Map.Entry<String, Integer> e : mix.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException();
    }

    private static <T> T any(List<T> list) {
        return list.get(ThreadLocalRandom.current().nextInt(list.size()));
    }

    /** One operation, as MixBench always ran it; the (last) HTTP status. */
    private Future<Integer> execute(String op) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        switch (op) {
            case "GET /volunteers/{id}": {
                String[] v = any(volunteers);
                return status(send(HttpMethod.GET, "/api/v1/volunteers/" + v[0], tokens.get(v[1]), null));
            }
            case "GET /households/{id}": {
                String[] h = any(households);
                return status(send(HttpMethod.GET, "/api/v1/households/" + h[0], tokens.get(h[1]), null));
            }
            case "GET /households?communityId&paired=false (page 1 + cursor page 2)": {
                String c = any(communities);
                String page = "/api/v1/households?communityId=" + c + "&paired=false&limit=20";
                return send(HttpMethod.GET, page, tokens.get(c), null).compose(first -> {
                    if (first.status != 200) {
                        return Future.succeededFuture(first.status);
                    }
                    Matcher m = NEXT_CURSOR.matcher(first.body);
                    if (!m.find()) {
                        return Future.succeededFuture(599); // every community has more than 20
                    }
                    return status(send(HttpMethod.GET, page + "&cursor=" + m.group(1), tokens.get(c), null));
                });
            }
            case "GET /volunteers?communityId&status=ACTIVE&skill": {
                String c = any(communities);
                return status(send(HttpMethod.GET, "/api/v1/volunteers?communityId=" + c + "&status=ACTIVE&skill="
                        + "%E9%99%AA%E4%BC%B4&limit=20", tokens.get(c), null)); // 陪伴
            }
            case "GET /pairings?communityId&status=ACTIVE": {
                String c = any(communities);
                return status(send(HttpMethod.GET, "/api/v1/pairings?communityId=" + c + "&status=ACTIVE&limit=20",
                        tokens.get(c), null));
            }
            case "GET /households?gridId (county admin)": {
                String g = any(gridsOf.get(any(communities)));
                return status(send(HttpMethod.GET, "/api/v1/households?gridId=" + g + "&limit=50", countyToken, null));
            }
            case "GET /coverage?communityId": {
                String c = any(communities);
                return status(send(HttpMethod.GET, "/api/v1/coverage?communityId=" + c, tokens.get(c), null));
            }
            case "POST /volunteers": {
                String c = any(communities);
                String body = "{\"name\":\"志愿者-" + run + "-" + phones.get() + "\",\"phone\":\"18"
                        + String.format(Locale.ROOT, "%09d", phones.incrementAndGet()) + "\",\"communityId\":\"" + c
                        + "\",\"gridId\":\"" + any(gridsOf.get(c)) + "\",\"skills\":[\"陪伴\"],\"consent\":true}";
                return status(send(HttpMethod.POST, "/api/v1/volunteers", tokens.get(c), body));
            }
            case "POST /households": {
                String c = any(communities);
                String u = UUID.randomUUID().toString().substring(0, 8);
                String body = "{\"communityId\":\"" + c + "\",\"gridId\":\"" + any(gridsOf.get(c))
                        + "\",\"headName\":\"户主-" + u + "\",\"address\":\"沂蒙路-" + u + "\",\"memberCount\":"
                        + (1 + rnd.nextInt(5)) + ",\"categories\":[\"ELDERLY_ALONE\"]}";
                return status(send(HttpMethod.POST, "/api/v1/households", tokens.get(c), body));
            }
            case "POST /households/{id}/surveys": {
                String[] h = any(households);
                String body = "{\"surveyedOn\":\"" + today + "\",\"surveyor\":\"bench\",\"needs\":[{\"type\":"
                        + "\"DAILY_CARE\",\"detail\":\"送餐\"}]}";
                return status(send(HttpMethod.POST, "/api/v1/households/" + h[0] + "/surveys", tokens.get(h[1]), body));
            }
            case "POST /pairings": {
                for (int attempt = 0; attempt < 20; attempt++) {
                    String c = any(communities);
                    Queue<String> hs = unpaired.get(c);
                    Queue<String> vs = freeVolunteers.get(c);
                    if (hs == null || vs == null || vs.size() < 2 || hs.isEmpty()) {
                        continue;
                    }
                    String body = "{\"householdId\":\"" + hs.poll() + "\",\"volunteerIds\":[\"" + vs.poll() + "\",\""
                            + vs.poll() + "\"]}";
                    return status(send(HttpMethod.POST, "/api/v1/pairings", tokens.get(c), body));
                }
                return Future.succeededFuture(598); // ran out of free volunteers/households: counted as an error
            }
            case "GET /me": {
                String[] r = any(residents);
                return status(send(HttpMethod.GET, "/api/v1/me", r[2], null));
            }
            case "GET /me/activities": {
                String[] r = any(residents);
                return status(send(HttpMethod.GET, "/api/v1/me/activities?limit=20", r[2], null));
            }
            case "POST /activities/{id}/signups {}": {
                String[] r = maySignUp.poll();
                if (r == null) {
                    return Future.succeededFuture(598); // ran out of residents free to sign up: counted as an error
                }
                Activity a = any(activitiesOf.get(r[1]));
                return status(send(HttpMethod.POST, "/api/v1/activities/" + a.id() + "/signups", r[2], "{}")
                        .onSuccess(answer -> {
                            if (answer.status() == 201) {
                                mayCheckIn.add(new String[] {r[0], r[1], r[2], a.id()});
                            }
                        }));
            }
            case "POST /me/check-in (fresh code)": {
                String[] r = mayCheckIn.poll();
                if (r == null) {
                    return Future.succeededFuture(598);
                }
                Activity a = activities.get(r[3]);
                // what the phone reads off the organiser's screen: the payload of the current step
                String code = org.yimeng.volunteer.attendance.AttendanceCode.payload(UUID.fromString(a.id()),
                        org.yimeng.volunteer.attendance.AttendanceCode.current(a.secret(), UUID.fromString(a.id()),
                                java.time.Instant.now()));
                String body = "{\"code\":\"" + code + "\",\"lat\":" + a.lat() + ",\"lng\":" + a.lng() + "}";
                return status(send(HttpMethod.POST, "/api/v1/me/check-in", r[2], body));
            }
            case "GET /activities/{id}/attendance-code (organiser)": {
                Activity a = any(activityList);
                return status(send(HttpMethod.GET, "/api/v1/activities/" + a.id() + "/attendance-code",
                        tokens.get(a.community()), null));
            }
            default:
                throw new IllegalArgumentException(op);
        }
    }

    private record Answer(int status, String body) {
    }

    private Future<Answer> send(HttpMethod method, String uri, String token, String body) {
        RequestOptions o = new RequestOptions().setMethod(method).setURI(uri).putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "application/json");
        if (body != null) {
            o.putHeader("Content-Type", "application/json");
        }
        return client.request(o)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body, "UTF-8")))
                .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString(StandardCharsets.UTF_8))));
    }

    private static Future<Integer> status(Future<Answer> answer) {
        return answer.map(Answer::status);
    }

    private void readPlan(Path plan) throws IOException {
        for (String line : Files.readAllLines(plan, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "K" -> countyToken = f[1];
                case "D" -> today = f[1];
                case "C" -> {
                    communities.add(f[1]);
                    tokens.put(f[1], f[2]);
                    gridsOf.put(f[1], List.of(f[3].split(",")));
                }
                case "H" -> {
                    households.add(new String[] {f[1], f[2]});
                    if ("1".equals(f[3])) {
                        unpaired.computeIfAbsent(f[2], k -> new java.util.ArrayDeque<>()).add(f[1]);
                    }
                }
                case "V" -> {
                    volunteers.add(new String[] {f[1], f[2]});
                    if ("1".equals(f[3])) {
                        freeVolunteers.computeIfAbsent(f[2], k -> new java.util.ArrayDeque<>()).add(f[1]);
                    }
                }
                case "A" -> {
                    Activity a = new Activity(f[1], f[2], java.util.HexFormat.of().parseHex(f[3]), f[4], f[5]);
                    activities.put(a.id(), a);
                    activityList.add(a);
                    activitiesOf.computeIfAbsent(a.community(), k -> new ArrayList<>()).add(a);
                }
                case "R" -> {
                    residents.add(new String[] {f[1], f[2], f[3]});
                    if ("-".equals(f[4])) {
                        maySignUp.add(new String[] {f[1], f[2], f[3]});
                    } else {
                        mayCheckIn.add(new String[] {f[1], f[2], f[3], f[4]});
                    }
                }
                default -> throw new IllegalArgumentException(line);
            }
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

    // ---- launching it from the test JVM -----------------------------------------------------------------------------

    /** One operation's figures from the measured phase. */
    public record Op(String name, int count, int errors, long p50us, long p95us, long p99us, long maxus, String statuses) {
    }

    /** What one run printed. */
    public record Run(List<Op> ops, double seconds, double cpuSeconds) {
        public int total() {
            return ops.stream().mapToInt(Op::count).sum();
        }

        public int errors() {
            return ops.stream().mapToInt(Op::errors).sum();
        }
    }

    /**
     * Starts the generator as a separate JVM on this JVM's class path and waits for its result. The JVM options a
     * profiler may have set for the service (JAVA_TOOL_OPTIONS) are not passed on: only the service is profiled.
     */
    public static Run run(String baseUrl, Path plan, int connections, int warmUp, int seconds, Runnable measuring)
            throws IOException, InterruptedException {
        return run("county", baseUrl, plan, connections, warmUp, seconds, measuring);
    }

    /** As {@link #run(String, Path, int, int, int, Runnable)} with the mix of {@code mode} ({@link #mix}). */
    public static Run run(String mode, String baseUrl, Path plan, int connections, int warmUp, int seconds,
            Runnable measuring) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                MixLoad.class.getName(), baseUrl, plan.toString(), Integer.toString(connections),
                Integer.toString(warmUp), Integer.toString(seconds), mode);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        StringBuilder all = new StringBuilder();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                all.append(line).append('\n');
                if (line.equals("MEASURING")) {
                    measuring.run();
                }
            }
        }
        String out = all.toString();
        if (!p.waitFor(warmUp + seconds + 180L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("load generator failed:\n" + out);
        }
        List<Op> ops = new ArrayList<>();
        double secs = 0;
        double cpu = 0;
        for (String line : out.lines().toList()) {
            if (line.startsWith("OP\t")) {
                String[] f = line.split("\t");
                ops.add(new Op(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), f[8]));
            } else if (line.startsWith("RESULT ")) {
                for (String kv : line.substring(7).split(" ")) {
                    String[] parts = kv.split("=", 2);
                    if (parts[0].equals("seconds")) {
                        secs = Double.parseDouble(parts[1]);
                    } else if (parts[0].equals("cpus")) {
                        cpu = Double.parseDouble(parts[1]);
                    }
                }
            }
        }
        if (ops.size() != mix(mode).size() || secs == 0) {
            throw new IllegalStateException("no result from the load generator:\n" + out);
        }
        return new Run(ops, secs, cpu);
    }
}
