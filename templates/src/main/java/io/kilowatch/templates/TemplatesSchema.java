package io.kilowatch.templates;

import io.kilowatch.platform.persistence.SchemaMigration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The templates module owns the {@code templates} schema; its migrations live in {@code
 * db/templates}.
 */
@Factory
class TemplatesSchema {
  @Singleton
  SchemaMigration templatesSchema() {
    return new SchemaMigration("templates", "classpath:db/templates");
  }
}
