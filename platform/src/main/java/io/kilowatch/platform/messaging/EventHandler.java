package io.kilowatch.platform.messaging;

import io.kilowatch.events.EventCodec.RawEnvelope;

/**
 * Handles one event inside a database transaction that also records the event as processed: the
 * handler's writes and the inbox row commit together, so the handler runs once per event id even
 * when the broker delivers it again.
 *
 * <p>Throw {@link io.kilowatch.events.MalformedEventException} or {@link RejectedEventException}
 * for input that will never succeed (dead-lettered at once); anything else is retried with backoff
 * and dead-lettered after the configured number of attempts.
 */
@FunctionalInterface
public interface EventHandler {
  void handle(RawEnvelope event) throws Exception;
}
