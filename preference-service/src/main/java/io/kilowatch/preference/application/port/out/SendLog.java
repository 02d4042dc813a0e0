package io.kilowatch.preference.application.port.out;

import io.kilowatch.preference.domain.SentMessage;
import java.time.Instant;
import java.util.List;

/** What went out to each customer, for frequency caps. */
public interface SendLog {
  void record(String customerId, SentMessage message);

  /** The customer's messages sent at or after {@code from}. */
  List<SentMessage> since(String customerId, Instant from);

  /** Forgets the customer's messages sent before {@code before}; returns how many. */
  int purge(String customerId, Instant before);
}
