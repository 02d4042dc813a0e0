package io.kilowatch.platform.persistence;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;

@Factory
class PlatformSchema {
  @Singleton
  @Order(-100)
  SchemaMigration platformSchema() {
    return new SchemaMigration("platform", "classpath:db/platform");
  }
}
