package io.kilowatch.rules.gdpr;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The mapper of the rules engine's data-subject SQL. */
@Factory
class RulesGdprFactory {
  @Singleton
  RulesPersonalDataMapper rulesPersonalDataMapper(Mappers mappers) {
    return mappers.of(RulesPersonalDataMapper.class);
  }
}
