package io.kilowatch.preference.adapter.out.persistence;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class PreferenceMappers {
  @Singleton
  ContactPointMapper contactPointMapper(Mappers mappers) {
    return mappers.of(ContactPointMapper.class);
  }

  @Singleton
  VerificationMapper verificationMapper(Mappers mappers) {
    return mappers.of(VerificationMapper.class);
  }

  @Singleton
  PreferencesMapper preferencesMapper(Mappers mappers) {
    return mappers.of(PreferencesMapper.class);
  }

  @Singleton
  SendLogMapper sendLogMapper(Mappers mappers) {
    return mappers.of(SendLogMapper.class);
  }

  @Singleton
  AuditMapper auditMapper(Mappers mappers) {
    return mappers.of(AuditMapper.class);
  }
}
