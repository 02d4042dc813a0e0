package io.kilowatch.delivery.gdpr;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The mapper of delivery's data-subject and retention SQL. */
@Factory
class DeliveryGdprFactory {
  @Singleton
  DeliveryPersonalDataMapper deliveryPersonalDataMapper(Mappers mappers) {
    return mappers.of(DeliveryPersonalDataMapper.class);
  }
}
