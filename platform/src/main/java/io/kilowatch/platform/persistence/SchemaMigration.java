package io.kilowatch.platform.persistence;

import java.util.Objects;

/**
 * A module's claim on its own PostgreSQL schema. Each module registers one as a bean; the platform
 * migrates each schema with Flyway from the module's own migration folder and keeps a separate
 * history table per schema, so modules evolve their tables independently.
 *
 * @param schema schema name, owned by exactly one module, e.g. {@code metering}
 * @param location Flyway location, e.g. {@code classpath:db/metering}
 */
public record SchemaMigration(String schema, String location) {
  public SchemaMigration {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(location, "location");
    if (!schema.matches("[a-z][a-z_]*")) {
      throw new IllegalArgumentException("schema must be lower-case letters: " + schema);
    }
  }
}
