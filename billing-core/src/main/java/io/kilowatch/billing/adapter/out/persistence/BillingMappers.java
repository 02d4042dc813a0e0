package io.kilowatch.billing.adapter.out.persistence;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class BillingMappers {
  @Singleton
  AccountMapper accountMapper(Mappers mappers) {
    return mappers.of(AccountMapper.class);
  }
}
