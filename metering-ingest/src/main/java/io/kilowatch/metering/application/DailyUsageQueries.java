package io.kilowatch.metering.application;

import io.kilowatch.metering.DailyUsage;
import io.kilowatch.metering.MeteringQueries;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** {@link MeteringQueries} over the stored windows. Thread-safe. */
@Singleton
class DailyUsageQueries implements MeteringQueries {
  private final ReadingStore store;
  private final TransactionOperations<Connection> transactions;

  DailyUsageQueries(ReadingStore store, TransactionOperations<Connection> transactions) {
    this.store = store;
    this.transactions = transactions;
  }

  @Override
  public List<DailyUsage> dailyUsage(String meterId, Instant from, Instant to) {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
    return transactions.executeRead(status -> store.dailyUsage(meterId, from, to));
  }
}
