package io.kilowatch.platform.persistence;

import io.micronaut.context.annotation.Context;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PostConstruct;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates every module's schema at start-up, before anything reads or writes the database. Several
 * instances may start at once: Flyway serialises them with a database lock.
 */
@Context
public class SchemaMigrator {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  private final DataSource dataSource;
  private final List<SchemaMigration> migrations;

  SchemaMigrator(
      DataSource dataSource, DataSourceResolver resolver, List<SchemaMigration> migrations) {
    this.dataSource = resolver.resolve(dataSource);
    this.migrations = migrations;
  }

  @PostConstruct
  void migrate() {
    for (SchemaMigration m : migrations) {
      var result =
          Flyway.configure()
              .dataSource(dataSource)
              .schemas(m.schema())
              .defaultSchema(m.schema())
              .createSchemas(true)
              .table("flyway_history")
              .locations(m.location())
              .load()
              .migrate();
      LOG.info(
          "schema {} at version {} ({} migrations applied)",
          m.schema(),
          result.targetSchemaVersion,
          result.migrationsExecuted);
    }
  }

  /** The schemas this instance migrated, in order. */
  public List<SchemaMigration> migrations() {
    return migrations;
  }
}
