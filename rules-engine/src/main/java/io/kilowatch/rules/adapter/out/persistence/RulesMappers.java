package io.kilowatch.rules.adapter.out.persistence;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class RulesMappers {
  @Singleton
  RuleMapper ruleMapper(Mappers mappers) {
    return mappers.of(RuleMapper.class);
  }

  @Singleton
  MeterOwnerMapper meterOwnerMapper(Mappers mappers) {
    return mappers.of(MeterOwnerMapper.class);
  }

  @Singleton
  RuleFiringMapper ruleFiringMapper(Mappers mappers) {
    return mappers.of(RuleFiringMapper.class);
  }

  @Singleton
  RuleStateMapper ruleStateMapper(Mappers mappers) {
    return mappers.of(RuleStateMapper.class);
  }

  @Singleton
  LedgerMapper ledgerMapper(Mappers mappers) {
    return mappers.of(LedgerMapper.class);
  }

  @Singleton
  PriceFeedMapper priceFeedMapper(Mappers mappers) {
    return mappers.of(PriceFeedMapper.class);
  }

  @Singleton
  UsageDayMapper usageDayMapper(Mappers mappers) {
    return mappers.of(UsageDayMapper.class);
  }

  @Singleton
  CalendarMapper calendarMapper(Mappers mappers) {
    return mappers.of(CalendarMapper.class);
  }

  @Singleton
  AuditMapper auditMapper(Mappers mappers) {
    return mappers.of(AuditMapper.class);
  }
}
