package io.kilowatch.metering.gdpr;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The mapper of metering's data-subject and retention SQL. */
@Factory
class MeteringGdprFactory {
  @Singleton
  MeteringPersonalDataMapper meteringPersonalDataMapper(Mappers mappers) {
    return mappers.of(MeteringPersonalDataMapper.class);
  }
}
