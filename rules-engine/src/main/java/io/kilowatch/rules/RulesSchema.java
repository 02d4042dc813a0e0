package io.kilowatch.rules;

import io.kilowatch.platform.persistence.SchemaMigration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The rules engine owns the {@code rules} schema; its migrations live in {@code db/rules}. */
@Factory
class RulesSchema {
  @Singleton
  SchemaMigration rulesSchema() {
    return new SchemaMigration("rules", "classpath:db/rules");
  }
}
