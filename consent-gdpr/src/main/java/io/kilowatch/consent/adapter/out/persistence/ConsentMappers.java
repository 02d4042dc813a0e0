package io.kilowatch.consent.adapter.out.persistence;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class ConsentMappers {
  @Singleton
  ConsentEventMapper consentEventMapper(Mappers mappers) {
    return mappers.of(ConsentEventMapper.class);
  }

  @Singleton
  AuditMapper auditMapper(Mappers mappers) {
    return mappers.of(AuditMapper.class);
  }

  @Singleton
  ReceiptMapper receiptMapper(Mappers mappers) {
    return mappers.of(ReceiptMapper.class);
  }

  @Singleton
  SubjectMapper subjectMapper(Mappers mappers) {
    return mappers.of(SubjectMapper.class);
  }
}
