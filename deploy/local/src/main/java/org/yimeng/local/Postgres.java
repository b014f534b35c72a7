package org.yimeng.local;

import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the local run and the tests: zonky's embedded binaries (no install, works as root), or an
 * existing server when {@code PLATFORM_POSTGRES_URL} names one (a JDBC URL with user and password, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret}).
 */
public final class Postgres implements AutoCloseable {
    public static final String EXTERNAL_URL_ENV = "PLATFORM_POSTGRES_URL";

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String adminUrl;

    private Postgres(EmbeddedPostgres embedded, String host, int port, String adminUrl) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.adminUrl = adminUrl;
    }

    /**
     * Starts the embedded server, or connects to the external one.
     *
     * @param dataDir where the cluster lives between runs, or {@code null} for a throwaway one
     * @param port    the port, or 0 for any free port
     */
    public static Postgres start(File dataDir, int port) throws IOException {
        String external = System.getenv(EXTERNAL_URL_ENV);
        if (external != null && !external.isBlank()) {
            var uri = java.net.URI.create(external.substring("jdbc:".length()));
            return new Postgres(null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), external);
        }
        var builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", dataDir == null ? "off" : "on")
                .setServerConfig("synchronous_commit", dataDir == null ? "off" : "on")
                .setServerConfig("full_page_writes", dataDir == null ? "off" : "on")
                .setServerConfig("timezone", "UTC")
                .setLocaleConfig("encoding", "UTF8")
                .setLocaleConfig("locale", "C");
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDir != null) {
            dataDir.mkdirs();
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        EmbeddedPostgres pg = builder.start();
        return new Postgres(pg, "127.0.0.1", pg.getPort(), pg.getJdbcUrl("postgres", "postgres"));
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of a database on this server, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates the database and its owner role (password = name) when they do not exist yet. */
    public void ensureDatabase(String database, String owner) throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + owner + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + owner + "'");
                }
            }
            try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE " + database + " OWNER " + owner);
                }
            }
        }
    }

    /** A superuser connection, for tests that must act as an administrator would (e.g. tampering). */
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl);
    }

    /** A superuser JDBC URL (with credentials) for one database. */
    public String adminUrl(String database) {
        return adminUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
