package org.yimeng.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/** What tests need from the running embedded stack: tokens, a superuser connection, the Kafka address. */
public final class TestStack {
    static final String PROP_HOME = "yimeng.test.home";
    static final String PROP_POSTGRES_PORT = "yimeng.test.postgres.port";
    static final String PROP_POSTGRES_ADMIN_DB = "yimeng.test.postgres.database-url";
    static final String PROP_KAFKA = "yimeng.test.kafka";

    private TestStack() {
    }

    /** Mints a valid token for a role with scope claims (county, community, grid, volunteer). */
    public static String token(String role, Map<String, String> scope) {
        return tokens().mint(role, scope);
    }

    public static String token(String role) {
        return token(role, Map.of());
    }

    /** A token that expired a minute ago. */
    public static String expiredToken(String role) {
        return tokens().mint("dev-expired", role, Map.of(), Duration.ofMinutes(-1));
    }

    public static Tokens tokens() {
        return new Tokens(DevKeys.in(home()).privateKey());
    }

    public static String kafkaBootstrapServers() {
        return System.getProperty(PROP_KAFKA);
    }

    /**
     * A superuser connection to the service's database: for tests that must act as a database administrator (e.g.
     * tampering with rows behind the service's back) or inspect rows directly.
     */
    public static Connection superuser() throws SQLException {
        return DriverManager.getConnection(System.getProperty(PROP_POSTGRES_ADMIN_DB));
    }

    private static Path home() {
        String home = System.getProperty(PROP_HOME);
        if (home == null) {
            throw new IllegalStateException("the embedded test stack is not running (StackTestResource)");
        }
        return Path.of(home);
    }
}
