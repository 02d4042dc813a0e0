package io.kilowatch.metering.adapter.out.persistence;

import io.kilowatch.platform.persistence.Mappers;
import io.kilowatch.platform.persistence.SchemaMigration;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The {@code metering} schema and its mappers. */
@Factory
class MeteringPersistenceFactory {
  @Singleton
  SchemaMigration meteringSchema() {
    return new SchemaMigration("metering", "classpath:db/metering");
  }

  @Singleton
  ReadingMapper readingMapper(Mappers mappers) {
    return mappers.of(ReadingMapper.class);
  }

  @Singleton
  DailyUsageMapper dailyUsageMapper(Mappers mappers) {
    return mappers.of(DailyUsageMapper.class);
  }
}
