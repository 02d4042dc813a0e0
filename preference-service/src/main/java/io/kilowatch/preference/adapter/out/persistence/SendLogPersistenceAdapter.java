package io.kilowatch.preference.adapter.out.persistence;

import io.kilowatch.channel.Channel;
import io.kilowatch.preference.application.port.out.SendLog;
import io.kilowatch.preference.domain.Category;
import io.kilowatch.preference.domain.SentMessage;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** The send log in {@code preference.send_log}. Thread-safe. */
@Singleton
class SendLogPersistenceAdapter implements SendLog {
  private final SendLogMapper mapper;

  SendLogPersistenceAdapter(SendLogMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void record(String customerId, SentMessage message) {
    mapper.insert(
        customerId,
        message.channel().name(),
        message.category() == null ? null : message.category().name(),
        message.sentAt());
  }

  @Override
  public List<SentMessage> since(String customerId, Instant from) {
    return mapper.since(customerId, from).stream()
        .map(
            row ->
                new SentMessage(
                    Channel.valueOf(row.channel()),
                    row.category() == null ? null : Category.valueOf(row.category()),
                    row.sentAt()))
        .toList();
  }

  @Override
  public int purge(String customerId, Instant before) {
    return mapper.purge(customerId, before);
  }
}
