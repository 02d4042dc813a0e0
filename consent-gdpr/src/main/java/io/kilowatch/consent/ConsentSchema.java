package io.kilowatch.consent;

import io.kilowatch.platform.persistence.SchemaMigration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The consent module owns the {@code consent} schema; its migrations live in {@code db/consent}.
 */
@Factory
class ConsentSchema {
  @Singleton
  SchemaMigration consentSchema() {
    return new SchemaMigration("consent", "classpath:db/consent");
  }
}
