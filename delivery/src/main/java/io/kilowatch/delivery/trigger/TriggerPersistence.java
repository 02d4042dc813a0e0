package io.kilowatch.delivery.trigger;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The trigger API's MyBatis mapper as a bean. */
@Factory
class TriggerPersistence {
  @Singleton
  TriggerMapper triggerMapper(Mappers mappers) {
    return mappers.of(TriggerMapper.class);
  }
}
