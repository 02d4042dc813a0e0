package io.kilowatch.platform.messaging;

/**
 * Where dead letters are kept for people to look at and replay. When a sink bean exists, the
 * platform consumes the dead-letter queue and hands every message to it inside a transaction,
 * acknowledging after the commit; without one, dead letters stay in the queue.
 */
public interface DeadLetterSink {
  void store(DeadLetter deadLetter);
}
