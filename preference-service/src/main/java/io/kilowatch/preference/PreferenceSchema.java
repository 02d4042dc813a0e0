package io.kilowatch.preference;

import io.kilowatch.platform.persistence.SchemaMigration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The preference service owns the {@code preference} schema; its migrations live in {@code
 * db/preference}.
 */
@Factory
class PreferenceSchema {
  @Singleton
  SchemaMigration preferenceSchema() {
    return new SchemaMigration("preference", "classpath:db/preference");
  }
}
