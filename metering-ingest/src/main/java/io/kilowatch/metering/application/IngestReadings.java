package io.kilowatch.metering.application;

import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.metering.DailyUsage;
import io.kilowatch.metering.domain.DailyWindow;
import io.kilowatch.metering.domain.Reading;
import io.kilowatch.metering.domain.ReadingBatchValidator;
import io.kilowatch.metering.domain.WindowIncrement;
import io.kilowatch.platform.messaging.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The ingestion of one batch of meter readings: validate all of it, then in one transaction store
 * the new readings, add them to their meters' daily windows and append one {@code
 * UsageWindowUpdated} per window that changed. Either all of that happens or none of it.
 * Thread-safe; concurrent batches with overlapping readings store each reading once.
 */
@Singleton
public class IngestReadings {
  /** CloudEvents {@code source} of the events this module publishes. */
  public static final String EVENT_SOURCE = "/kilowatch/metering-ingest";

  private static final Comparator<DailyUsage> WINDOW_ORDER =
      Comparator.comparing(DailyUsage::meterId).thenComparing(DailyUsage::windowStart);

  private final ReadingStore store;
  private final Outbox outbox;
  private final TransactionOperations<Connection> transactions;
  private final Clock clock;
  private final MeteringSettings settings;
  private final ReadingBatchValidator validator;

  IngestReadings(
      ReadingStore store,
      Outbox outbox,
      TransactionOperations<Connection> transactions,
      Clock clock,
      MeteringSettings settings) {
    this.store = store;
    this.outbox = outbox;
    this.transactions = transactions;
    this.clock = clock;
    this.settings = settings;
    this.validator =
        new ReadingBatchValidator(settings.getMaxClockSkew(), settings.getMaxBatchSize());
  }

  /** Most readings {@link #ingest} accepts in one batch. */
  public int maxBatchSize() {
    return validator.maxBatchSize();
  }

  /**
   * Ingests one batch.
   *
   * @param items the batch as untyped JSON values (see {@link ReadingBatchValidator})
   * @throws InvalidReadingsException naming every broken rule; nothing was stored
   */
  public IngestResult ingest(List<?> items) {
    Instant now = clock.instant();
    ReadingBatchValidator.Result result = validator.validate(items, now);
    if (!result.isValid()) {
      throw new InvalidReadingsException(result.violations());
    }
    List<Reading> readings = result.readings();
    return transactions.executeWrite(status -> store(readings, now));
  }

  private IngestResult store(List<Reading> readings, Instant now) {
    List<Reading> stored = store.insertNew(readings, now);
    int duplicates = readings.size() - stored.size();
    if (stored.isEmpty()) {
      return new IngestResult(0, duplicates);
    }
    List<WindowIncrement> increments = WindowIncrement.sum(stored, settings.getZone());
    List<DailyUsage> totals = store.addToDailyUsage(increments, now);
    totals.stream().sorted(WINDOW_ORDER).forEach(total -> outbox.append(updated(total, now)));
    return new IngestResult(stored.size(), duplicates);
  }

  private static EventEnvelope<UsageWindowUpdated> updated(DailyUsage total, Instant now) {
    return EventEnvelope.of(
        EventTypes.USAGE_WINDOW_UPDATED,
        EVENT_SOURCE,
        now,
        "meter/" + total.meterId(),
        new UsageWindowUpdated(
            total.meterId(),
            DailyWindow.GRANULARITY,
            total.windowStart(),
            total.windowEnd(),
            total.energyWh(),
            total.readingCount(),
            now));
  }
}
