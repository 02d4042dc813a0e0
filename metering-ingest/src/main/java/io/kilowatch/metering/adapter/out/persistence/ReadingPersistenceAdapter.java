package io.kilowatch.metering.adapter.out.persistence;

import io.kilowatch.metering.DailyUsage;
import io.kilowatch.metering.application.ReadingStore;
import io.kilowatch.metering.domain.Reading;
import io.kilowatch.metering.domain.WindowIncrement;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** {@link ReadingStore} on the {@code metering} schema. Thread-safe. */
@Singleton
class ReadingPersistenceAdapter implements ReadingStore {
  // A fixed row order makes concurrent batches wait on shared keys in the same order.
  private static final Comparator<Reading> INSERT_ORDER =
      Comparator.comparing(Reading::meterId).thenComparing(Reading::timestamp);

  private final ReadingMapper readings;
  private final DailyUsageMapper dailyUsage;

  ReadingPersistenceAdapter(ReadingMapper readings, DailyUsageMapper dailyUsage) {
    this.readings = readings;
    this.dailyUsage = dailyUsage;
  }

  @Override
  public List<Reading> insertNew(List<Reading> batch, Instant receivedAt) {
    if (batch.isEmpty()) {
      return List.of();
    }
    return readings.insertNew(batch.stream().sorted(INSERT_ORDER).toList(), receivedAt);
  }

  @Override
  public List<DailyUsage> addToDailyUsage(List<WindowIncrement> increments, Instant updatedAt) {
    if (increments.isEmpty()) {
      return List.of();
    }
    return dailyUsage.add(increments.stream().sorted(WindowIncrement.ORDER).toList(), updatedAt);
  }

  @Override
  public List<DailyUsage> dailyUsage(String meterId, Instant from, Instant to) {
    return dailyUsage.find(meterId, from, to);
  }
}
