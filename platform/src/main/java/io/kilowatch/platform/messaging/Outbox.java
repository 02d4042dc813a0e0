package io.kilowatch.platform.messaging;

import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;

/**
 * The transactional outbox: the only way a module publishes an event that follows a change in its
 * database. {@link #append} writes the event in the caller's transaction; the {@code OutboxRelay}
 * publishes it to the events exchange with publisher confirms after the commit. Either both the
 * change and the event happen, or neither. Thread-safe.
 */
@Singleton
public class Outbox {
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
    if (transactions.findTransactionStatus().isEmpty()) {
      throw new IllegalStateException("Outbox.append must run inside a transaction");
    }
    mapper.insert(new OutboxRow(event.id(), event.type(), event.type(), EventCodec.encode(event)));
    mapper.wakeRelay();
  }
}
