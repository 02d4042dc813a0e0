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
}
