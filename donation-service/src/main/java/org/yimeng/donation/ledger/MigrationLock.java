package org.yimeng.donation.ledger;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Flyway's PostgreSQL lock is by default {@code pg_advisory_xact_lock}, held in a transaction that stays open while it
 * migrates; {@code CREATE INDEX CONCURRENTLY} (V4) waits for every transaction open when it starts, so it would wait
 * for Flyway, which waits for it: the service hung at start. A session-level advisory lock (Flyway's lock before 9.1)
 * keeps migrating replicas taking turns just as well.
 */
@Singleton
public class MigrationLock implements FlywayConfigurationCustomizer {
    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    }
}
