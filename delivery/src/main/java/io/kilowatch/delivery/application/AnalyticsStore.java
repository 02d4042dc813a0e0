package io.kilowatch.delivery.application;

import java.time.LocalDate;
import java.util.List;

/** Persistence port of the analytics read model. */
public interface AnalyticsStore {
  /** Adds the increments to the stored counts (upsert, in one transaction). */
  void add(List<StatRow> stats, List<LatencyRow> latencies);

  List<StatRow> stats(LocalDate from, LocalDate to);

  List<LatencyRow> latencies(LocalDate from, LocalDate to);

  /** A count of one metric. */
  record StatRow(
      LocalDate day, String channel, String category, String provider, String metric, long count) {}

  /** A latency histogram bucket: {@code count} observations at or below {@code bucketMs}. */
  record LatencyRow(LocalDate day, String channel, String provider, long bucketMs, long count) {}
}
