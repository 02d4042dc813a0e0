package io.kilowatch.billing.gdpr;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The mapper of billing's data-subject SQL. */
@Factory
class BillingGdprFactory {
  @Singleton
  BillingPersonalDataMapper billingPersonalDataMapper(Mappers mappers) {
    return mappers.of(BillingPersonalDataMapper.class);
  }
}
