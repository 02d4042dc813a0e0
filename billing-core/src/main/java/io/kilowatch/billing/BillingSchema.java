package io.kilowatch.billing;

import io.kilowatch.platform.persistence.SchemaMigration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Billing owns the {@code billing} schema; its migrations live in {@code db/billing}. */
@Factory
class BillingSchema {
  @Singleton
  SchemaMigration billingSchema() {
    return new SchemaMigration("billing", "classpath:db/billing");
  }
}
