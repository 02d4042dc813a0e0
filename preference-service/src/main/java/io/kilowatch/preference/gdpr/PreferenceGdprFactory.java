package io.kilowatch.preference.gdpr;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The mapper of preference's data-subject SQL. */
@Factory
class PreferenceGdprFactory {
  @Singleton
  PreferencePersonalDataMapper preferencePersonalDataMapper(Mappers mappers) {
    return mappers.of(PreferencePersonalDataMapper.class);
  }
}
