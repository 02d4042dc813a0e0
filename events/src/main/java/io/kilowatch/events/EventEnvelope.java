package io.kilowatch.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope (structured JSON mode) around one event record.
 *
 * @param id unique per event; consumers deduplicate on it
 * @param type the versioned type name
 * @param source the producing module, e.g. {@code /kilowatch/metering-ingest}
 * @param time when the fact happened, UTC
 * @param subject what the event is about, e.g. {@code meter/MTR-1}; may be null
 * @param data the event record
 * @param <T> the data record type
 */
public record EventEnvelope<T>(
    String id, String type, String source, Instant time, String subject, T data) {
  public static final String SPEC_VERSION = "1.0";

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }

  /** A new envelope with a random id. */
  public static <T> EventEnvelope<T> of(
      EventType<T> type, String source, Instant time, String subject, T data) {
    return new EventEnvelope<>(
        UUID.randomUUID().toString(), type.name(), source, time, subject, data);
  }
}
