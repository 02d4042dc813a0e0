package io.kilowatch.platform.messaging;

import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;

/**
 * The transactional outbox: the only way a module publishes an event that follows a change in its
 * database. {@link #append} writes the event in the caller's transaction; the {@code OutboxRelay}
 * publishes it to the events exchange with publisher confirms after the commit. Either both the
 * change and the event happen, or neither. Thread-safe.
 */
@Singleton
public class Outbox {
  /** Rows per INSERT: 4 parameters each, well below PostgreSQL's 65535 bind parameters. */
  private static final int CHUNK = 1000;

  private final OutboxMapper mapper;
  private final TransactionOperations<Connection> transactions;

  Outbox(OutboxMapper mapper, TransactionOperations<Connection> transactions) {
    this.mapper = mapper;
    this.transactions = transactions;
  }

  /**
   * Appends an event to the outbox.
   *
   * @throws IllegalStateException when called outside a transaction: an event appended without one
   *     could be published for a change that never commits
   */
  public void append(EventEnvelope<?> event) {
    requireTransaction();
    mapper.insert(row(event));
    mapper.wakeRelay();
  }

  /**
   * Appends many events with multi-row inserts (for fan-outs and batches), in the caller's
   * transaction.
   */
  public void appendAll(List<? extends EventEnvelope<?>> events) {
    requireTransaction();
    for (int from = 0; from < events.size(); from += CHUNK) {
      List<OutboxRow> rows =
          events.subList(from, Math.min(events.size(), from + CHUNK)).stream()
              .map(Outbox::row)
              .toList();
      mapper.insertAll(rows);
    }
    if (!events.isEmpty()) {
      mapper.wakeRelay();
    }
  }

  private static OutboxRow row(EventEnvelope<?> event) {
    return new OutboxRow(event.id(), event.type(), event.type(), EventCodec.encode(event));
  }

  private void requireTransaction() {
    if (transactions.findTransactionStatus().isEmpty()) {
      throw new IllegalStateException("Outbox.append must run inside a transaction");
    }
  }
}
