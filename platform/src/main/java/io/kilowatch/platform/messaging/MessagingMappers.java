package io.kilowatch.platform.messaging;

import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

@Factory
class MessagingMappers {
  @Singleton
  OutboxMapper outboxMapper(Mappers mappers) {
    return mappers.of(OutboxMapper.class);
  }

  @Singleton
  InboxMapper inboxMapper(Mappers mappers) {
    return mappers.of(InboxMapper.class);
  }
}
