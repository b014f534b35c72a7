package org.yimeng.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform on one machine: PostgreSQL, a Kafka broker and both services as child processes. Each part can
 * be stopped, killed and started again on the same ports and data, which is what the run command needs for a clean
 * Ctrl-C and what end-to-end tests need to prove that nothing is lost or doubled across crashes.
 */
public final class LocalPlatform implements AutoCloseable {
    /** Where the services listen unless told otherwise: this machine only, not its network. */
    public static final String LOOPBACK = "127.0.0.1";
    /**
     * The origins a browser page of the local run may call from: http://localhost and http://127.0.0.1, any port
     * (Quarkus reads an entry between slashes as a regular expression; no backslash or comma, which its list syntax
     * would eat).
     */
    public static final String LOCAL_ORIGINS = "/http://(localhost|127[.]0[.]0[.]1)(:[0-9]+)?/";

    /** A service of the platform: its module folder, database and port. */
    public record Service(String name, String database, int port) {
    }

    private final Path root;
    private final Path data;
    private final int postgresPort;
    private final int kafkaPort;
    private final int controllerPort;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final List<String> extraJvmArgs = new ArrayList<>();
    private String host = LOOPBACK;
    private Postgres postgres;
    private KafkaBroker kafka;
    private DevKeys keys;

    public LocalPlatform(Path root, Path data, int volunteerPort, int donationPort, int postgresPort, int kafkaPort)
            throws IOException {
        this.root = root;
        this.data = data;
        this.postgresPort = postgresPort > 0 ? postgresPort : KafkaBroker.freePort();
        this.kafkaPort = kafkaPort > 0 ? kafkaPort : KafkaBroker.freePort();
        this.controllerPort = KafkaBroker.freePort();
        services.put("volunteer-service", new Service("volunteer-service", "volunteer",
                volunteerPort > 0 ? volunteerPort : KafkaBroker.freePort()));
        services.put("donation-service", new Service("donation-service", "ledger",
                donationPort > 0 ? donationPort : KafkaBroker.freePort()));
        Files.createDirectories(data.resolve("logs"));
    }

    /** JVM arguments added to every service started from now on (e.g. {@code -Dkit.outbox.poll-interval=PT0.1S}). */
    public LocalPlatform withServiceJvmArgs(String... args) {
        extraJvmArgs.addAll(List.of(args));
        return this;
    }

    /** The address the services listen on from now on ({@link #LOOPBACK} by default; {@code 0.0.0.0} for all). */
    public LocalPlatform withHost(String host) {
        this.host = host;
        return this;
    }

    public String host() {
        return host;
    }

    public Path data() {
        return data;
    }

    public Service service(String name) {
        Service s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return s;
    }

    public String baseUrl(String service) {
        boolean everywhere = host.equals("0.0.0.0") || host.equals("::");
        String h = everywhere ? LOOPBACK : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + service(service).port();
    }

    public Tokens tokens() {
        return new Tokens(keys().privateKey());
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public Postgres postgres() {
        return postgres;
    }

    // --- infrastructure ----------------------------------------------------------------------------------------

    public synchronized Postgres startPostgres() throws IOException, java.sql.SQLException {
        if (postgres == null) {
            postgres = Postgres.start(data.resolve("postgres").toFile(), postgresPort);
            for (Service s : services.values()) {
                postgres.ensureDatabase(s.database(), s.database() + "_owner");
            }
        }
        return postgres;
    }

    public synchronized void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Starts the broker; returns the topics it had to create. */
    public synchronized List<String> startKafka() throws IOException, InterruptedException {
        if (kafka != null) {
            return List.of();
        }
        kafka = KafkaBroker.start(data.resolve("kafka").toFile(), kafkaPort, controllerPort);
        return kafka.createTopics(3);
    }

    public synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    // --- services ----------------------------------------------------------------------------------------------

    public synchronized void startService(String name) throws IOException {
        Service s = service(name);
        Process running = processes.get(name);
        if (running != null && running.isAlive()) {
            return;
        }
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first");
        }
        List<String> cmd = serviceCommand(name);
        File log = data.resolve("logs").resolve(name + ".log").toFile();
        processes.put(name, new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start());
    }

    /** The command line that starts a service: its port, database, broker, keys, and where it listens. */
    public List<String> serviceCommand(String name) {
        Service s = service(name);
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        String owner = s.database() + "_owner";
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=" + host,
                "-Dquarkus.http.port=" + s.port(),
                "-Dquarkus.http.cors.origins=" + LOCAL_ORIGINS,
                "-Dquarkus.datasource.jdbc.url=" + "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + s.database(),
                "-Dquarkus.datasource.username=" + owner,
                "-Dquarkus.datasource.password=" + owner,
                "-Dkafka.bootstrap.servers=" + kafkaBootstrapServers(),
                "-Dmp.jwt.verify.publickey.location=" + keys().publicKeyFile().toUri(),
                "-Dmp.jwt.verify.issuer=" + Tokens.ISSUER));
        if ("donation-service".equals(name) && System.getenv("PUBLIC_BASE_URL") == null) {
            // the piggy-bank pages and the posters' QR codes point at this run's own donation-service
            String where = host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host;
            cmd.add("-Dpublic.base-url=http://" + where + ":" + s.port());
        }
        cmd.addAll(extraJvmArgs);
        cmd.addAll(List.of("-jar", jar.toString()));
        return cmd;
    }

    /** Ends a service the hard way (SIGKILL): no shutdown hook, no graceful close, like a crash. */
    public synchronized void killService(String name) throws InterruptedException {
        Process p = processes.remove(name);
        if (p != null) {
            p.destroyForcibly().waitFor();
        }
    }

    /** Stops a service gracefully (SIGTERM), waiting up to 30 s before killing it. */
    public synchronized void stopService(String name) throws InterruptedException {
        Process p = processes.remove(name);
        if (p != null) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    public synchronized Map<String, Process> processes() {
        return Map.copyOf(processes);
    }

    /** Waits until {@code /q/health/ready} answers 200, failing early when the process died. */
    public void awaitReady(String name, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = processes.get(name);
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " is not running: see " + data.resolve("logs").resolve(name + ".log"));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl(name) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ": see " + data.resolve("logs"));
    }

    private synchronized DevKeys keys() {
        if (keys == null) {
            keys = DevKeys.in(data.resolve("keys"));
        }
        return keys;
    }

    /** Stops everything: services first (gracefully), then the broker, then the database. */
    @Override
    public synchronized void close() {
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        stopKafka();
        try {
            stopPostgres();
        } catch (IOException e) {
            System.err.println("stop postgres: " + e);
        }
    }
}
