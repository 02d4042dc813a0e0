package io.kilowatch.templates.adapter.out.persistence;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class TemplatesMappers {
  @Singleton
  TemplateMapper templateMapper(Mappers mappers) {
    return mappers.of(TemplateMapper.class);
  }
}
