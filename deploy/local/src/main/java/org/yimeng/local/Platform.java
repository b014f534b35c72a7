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

/**
 * The run command: starts PostgreSQL, Kafka, volunteer-service and donation-service on one machine, and stops them
 * all on Ctrl-C. Also mints development tokens. Invoked by the {@code ./platform} script at the project root.
 *
 * <pre>
 *   Platform run            start everything (env: PLATFORM_DATA, VOLUNTEER_PORT, DONATION_PORT, POSTGRES_PORT, KAFKA_PORT)
 *   Platform token ROLE [claim=value ...]   print a token signed with this data folder's development key
 * </pre>
 */
public final class Platform {
    private final Path root;
    private final Path data;
    private final List<Process> services = new ArrayList<>();
    private volatile boolean stopping;
    private Postgres postgres;
    private KafkaBroker kafka;

    private Platform(Path root, Path data) {
        this.root = root;
        this.data = data;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env("PLATFORM_DATA", root.resolve(".platform-data").toString())).toAbsolutePath();
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "run" -> new Platform(root, data).run();
            case "token" -> token(data, args);
            default -> {
                System.err.println("usage: platform run | platform token ROLE [county=CODE] [community=ID] [grid=ID] [volunteer=ID]");
                System.exit(2);
            }
        }
    }

    private static void token(Path data, String[] args) {
        if (args.length < 2) {
            System.err.println("usage: platform token ROLE [county=CODE] [community=ID] [grid=ID] [volunteer=ID]");
            System.exit(2);
        }
        Map<String, String> scope = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                System.err.println("scope claims are name=value, got: " + args[i]);
                System.exit(2);
            }
            scope.put(kv[0], kv[1]);
        }
        System.out.println(new Tokens(DevKeys.in(data.resolve("keys")).privateKey()).mint(args[1].toUpperCase(), scope));
    }

    private void run() throws Exception {
        int volunteerPort = Integer.parseInt(env("VOLUNTEER_PORT", "8080"));
        int donationPort = Integer.parseInt(env("DONATION_PORT", "8081"));
        int postgresPort = Integer.parseInt(env("POSTGRES_PORT", "55432"));
        int kafkaPort = Integer.parseInt(env("KAFKA_PORT", "59092"));
        Files.createDirectories(data.resolve("logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "platform-stop"));

        say("data folder: " + data);
        postgres = Postgres.start(data.resolve("postgres").toFile(), postgresPort);
        postgres.ensureDatabase("volunteer", "volunteer_owner");
        postgres.ensureDatabase("ledger", "ledger_owner");
        say("PostgreSQL on 127.0.0.1:" + postgres.port() + " (databases volunteer, ledger)");
        kafka = KafkaBroker.start(data.resolve("kafka").toFile(), kafkaPort);
        List<String> created = kafka.createTopics(3);
        say("Kafka on " + kafka.bootstrapServers() + (created.isEmpty() ? "" : " (created topics " + created + ")"));
        DevKeys keys = DevKeys.in(data.resolve("keys"));

        start("volunteer-service", volunteerPort, "volunteer", keys);
        start("donation-service", donationPort, "ledger", keys);
        awaitReady("volunteer-service", volunteerPort);
        awaitReady("donation-service", donationPort);
        banner(volunteerPort, donationPort, new Tokens(keys.privateKey()));

        for (Process p : services) {
            int rc = p.waitFor();
            if (stopping) {
                return;
            }
            say(p.info().command().orElse("a service") + " exited with " + rc + "; stopping the platform");
            System.exit(rc == 0 ? 0 : 1);
        }
    }

    private void start(String service, int port, String database, DevKeys keys) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./platform does)");
        }
        String owner = database + "_owner";
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(database),
                "-Dquarkus.datasource.username=" + owner,
                "-Dquarkus.datasource.password=" + owner,
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dmp.jwt.verify.publickey.location=" + keys.publicKeyFile().toUri(),
                "-Dmp.jwt.verify.issuer=" + Tokens.ISSUER,
                "-jar", jar.toString()));
        File log = data.resolve("logs").resolve(service + ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        services.add(p);
        say(service + " starting on port " + port + " (log: " + log + ")");
    }

    private void awaitReady(String service, int port) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : services) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(service + " stopped during start-up: see " + data.resolve("logs"));
                }
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    say(service + " is ready");
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service + " not ready after 180 s: see " + data.resolve("logs"));
    }

    private void banner(int volunteerPort, int donationPort, Tokens tokens) {
        StringBuilder b = new StringBuilder("\n=== The platform is up. Ctrl-C stops everything. ===\n");
        for (var svc : List.of(Map.entry("volunteer-service", volunteerPort), Map.entry("donation-service", donationPort))) {
            String base = "http://127.0.0.1:" + svc.getValue();
            b.append(String.format("%-18s %s%n  Swagger UI  %s/q/swagger-ui%n  OpenAPI     %s/q/openapi%n"
                    + "  health      %s/q/health/ready%n  metrics     %s/q/metrics%n", svc.getKey(), base, base, base, base, base));
        }
        b.append("\nDevelopment tokens (valid 12 h; `./platform token ROLE claim=value` mints others):\n");
        Map<String, Map<String, String>> examples = new LinkedHashMap<>();
        examples.put("CITY_ADMIN", Map.of());
        examples.put("COUNTY_ADMIN", Map.of("county", "371302"));
        examples.put("AUDITOR", Map.of());
        examples.put("FINANCE", Map.of());
        examples.put("COLLECTOR", Map.of());
        examples.forEach((role, scope) -> b.append(String.format("  %-13s %s%s%n", role,
                scope.isEmpty() ? "" : scope + " ", tokens.mint(role, scope))));
        b.append("  (COMMUNITY_ADMIN, GRID_WORKER and VOLUNTEER need ids: ./platform token COMMUNITY_ADMIN community=<id>)\n");
        System.out.println(b);
    }

    private synchronized void stop() {
        stopping = true;
        say("stopping…");
        for (Process p : services) {
            p.destroy();
        }
        for (Process p : services) {
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        services.clear();
        try {
            if (kafka != null) {
                kafka.close();
                kafka = null;
            }
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } catch (Exception e) {
            System.err.println("stop: " + e);
        }
        say("stopped");
    }

    private static void say(String line) {
        System.out.println("[platform] " + line);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
