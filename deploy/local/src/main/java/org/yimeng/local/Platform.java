package org.yimeng.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run command: starts PostgreSQL, Kafka, volunteer-service and donation-service on one machine and stops them all
 * on Ctrl-C; also mints development tokens. Invoked by the {@code ./platform} script at the project root.
 *
 * <pre>
 *   Platform run     start everything (env: PLATFORM_DATA, PLATFORM_HOST, VOLUNTEER_PORT, DONATION_PORT, POSTGRES_PORT,
 *                    KAFKA_PORT)
 *   Platform token ROLE [claim=value ...]   print a token signed with this data folder's development key
 * </pre>
 */
public final class Platform {
    private static final String USAGE =
            "usage: platform run | platform token ROLE [county=CODE] [community=ID] [grid=ID] [volunteer=ID] [sub=S] "
                    + "[phone_number=P] [name=value ...]";

    private Platform() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        Path data = Path.of(env("PLATFORM_DATA", root.resolve(".platform-data").toString())).toAbsolutePath();
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "run" -> run(root, data);
            case "token" -> token(data, args);
            default -> {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }

    private static void token(Path data, String[] args) {
        if (args.length < 2) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Map<String, String> scope = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                System.err.println("claims are name=value, got: " + args[i]);
                System.exit(2);
            }
            scope.put(kv[0], kv[1]);
        }
        System.out.println(new Tokens(DevKeys.in(data.resolve("keys")).privateKey()).mint(args[1].toUpperCase(), scope));
    }

    private static void run(Path root, Path data) throws Exception {
        LocalPlatform platform = new LocalPlatform(root, data, port("VOLUNTEER_PORT", 8080), port("DONATION_PORT", 8081),
                port("POSTGRES_PORT", 55432), port("KAFKA_PORT", 59092))
                .withHost(env("PLATFORM_HOST", LocalPlatform.LOOPBACK)); // 0.0.0.0 opens it to the network
        var stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            say("stopping…");
            platform.close();
            say("stopped");
        }, "platform-stop"));

        say("data folder: " + data);
        Postgres pg = platform.startPostgres();
        say("PostgreSQL on 127.0.0.1:" + pg.port() + " (databases volunteer, ledger)");
        List<String> created = platform.startKafka();
        say("Kafka on " + platform.kafkaBootstrapServers() + (created.isEmpty() ? "" : " (created topics " + created + ")"));
        for (String service : List.of("volunteer-service", "donation-service")) {
            platform.startService(service);
            say(service + " starting on " + platform.host() + ":" + platform.service(service).port() + " (log: "
                    + data.resolve("logs").resolve(service + ".log") + ")");
        }
        for (String service : List.of("volunteer-service", "donation-service")) {
            platform.awaitReady(service, Duration.ofSeconds(180));
            say(service + " is ready");
        }
        banner(platform);

        while (!stopping.get()) {
            for (var e : platform.processes().entrySet()) {
                if (!e.getValue().isAlive() && !stopping.get()) {
                    say(e.getKey() + " exited with " + e.getValue().exitValue() + "; stopping the platform (see its log)");
                    System.exit(1);
                }
            }
            Thread.sleep(1000);
        }
    }

    private static void banner(LocalPlatform platform) {
        StringBuilder b = new StringBuilder("\n=== The platform is up. Ctrl-C stops everything. ===\n");
        for (String svc : List.of("volunteer-service", "donation-service")) {
            String base = platform.baseUrl(svc);
            b.append(String.format("%-18s %s%n  Swagger UI  %s/q/swagger-ui%n  OpenAPI     %s/q/openapi%n"
                    + "  health      %s/q/health/ready%n  metrics     %s/q/metrics%n", svc, base, base, base, base, base));
        }
        b.append("\nBrowser pages may call both services from http://localhost or http://127.0.0.1 on any port (CORS).\n");
        b.append("\nDevelopment tokens (valid 12 h; `./platform token ROLE claim=value` mints others):\n");
        Map<String, Map<String, String>> examples = new LinkedHashMap<>();
        examples.put("CITY_ADMIN", Map.of());
        examples.put("COUNTY_ADMIN", Map.of("county", "371302"));
        examples.put("AUDITOR", Map.of());
        examples.put("FINANCE", Map.of());
        examples.put("COLLECTOR", Map.of());
        Tokens tokens = platform.tokens();
        examples.forEach((role, scope) -> b.append(String.format("  %-13s %s%s%n", role,
                scope.isEmpty() ? "" : scope + " ", tokens.mint(role, scope))));
        b.append("  (COMMUNITY_ADMIN, GRID_WORKER and VOLUNTEER carry ids: ./platform token COMMUNITY_ADMIN community=<id>)\n");
        // the county dashboard signs in with a token in the URL fragment, which the browser never sends to a server
        String console = consoleUrl(platform.baseUrl("volunteer-service"));
        b.append("\nCounty dashboard (县区推进看板), signed in as CITY_ADMIN:\n  ").append(console)
                .append(tokens.mint("CITY_ADMIN", Map.of())).append('\n');
        b.append("  as COUNTY_ADMIN of 371302: ").append(console)
                .append(tokens.mint("COUNTY_ADMIN", Map.of("county", "371302"))).append('\n');
        System.out.println(b);
    }

    /** The dashboard's sign-in link up to the token: {@code http://localhost:8080/console/#token=}. */
    static String consoleUrl(String volunteerBaseUrl) {
        return volunteerBaseUrl.replace("://" + LocalPlatform.LOOPBACK + ":", "://localhost:") + "/console/#token=";
    }

    private static void say(String line) {
        System.out.println("[platform] " + line);
    }

    private static int port(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
