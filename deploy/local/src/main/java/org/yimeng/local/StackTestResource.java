package org.yimeng.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Global Quarkus test resource: one real PostgreSQL and one real Kafka broker per test JVM, shared by every
 * {@code @QuarkusTest} of a module. Init arg {@code database} names the service's database (created on demand).
 *
 * <p>Tests reach the stack through {@link TestStack}, which reads the system properties set here, so that it
 * works whichever class loader the test code runs in.
 */
public class StackTestResource implements QuarkusTestResourceLifecycleManager {
    private static Postgres postgres;
    private static KafkaBroker kafka;
    private static Path home;

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        try {
            startShared();
            String owner = database + "_owner";
            postgres.ensureDatabase(database, owner);
            DevKeys keys = DevKeys.in(home);
            System.setProperty(TestStack.PROP_HOME, home.toString());
            System.setProperty(TestStack.PROP_POSTGRES_ADMIN_DB, postgres.adminUrl(database));
            System.setProperty(TestStack.PROP_KAFKA, kafka.bootstrapServers());
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
            config.put("quarkus.datasource.username", owner);
            config.put("quarkus.datasource.password", owner);
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            config.put("mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString());
            config.put("mp.jwt.verify.issuer", Tokens.ISSUER);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException("cannot start the embedded test stack", e);
        }
    }

    private static synchronized void startShared() throws IOException, InterruptedException {
        if (postgres != null) {
            return;
        }
        home = Files.createTempDirectory("yimeng-test-stack");
        postgres = Postgres.start(null, 0);
        System.setProperty(TestStack.PROP_POSTGRES_PORT, Integer.toString(postgres.port()));
        kafka = KafkaBroker.start(home.resolve("kafka").toFile(), 0);
        kafka.createTopics(3);
        Runtime.getRuntime().addShutdownHook(new Thread(StackTestResource::stopShared, "test-stack-stop"));
    }

    private static synchronized void stopShared() {
        try {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            System.err.println("test stack stop: " + e);
        } finally {
            kafka = null;
            postgres = null;
        }
    }

    @Override
    public void stop() {
        // the stack outlives one application start: it is stopped when the test JVM exits
    }
}
