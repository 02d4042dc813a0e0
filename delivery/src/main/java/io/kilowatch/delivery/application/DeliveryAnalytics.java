package io.kilowatch.delivery.application;

import io.kilowatch.delivery.application.AnalyticsStore.LatencyRow;
import io.kilowatch.delivery.application.AnalyticsStore.StatRow;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics read model, kept up to date incrementally: the delivery route and provider
 * callbacks count into memory (no hot row in the database on the delivery path), and a flush every
 * {@code kilowatch.delivery.analytics-flush} adds the increments to {@code delivery.daily_stats}
 * and {@code delivery.daily_latency}. Days are UTC. A crash loses at most one flush interval of
 * counts; the notification and attempt records they derive from are not lost. Thread-safe.
 */
@Singleton
public class DeliveryAnalytics {
  /** Upper bounds of the latency buckets in milliseconds; the last one catches everything. */
  static final long[] BUCKETS_MS = {
    5,
    10,
    25,
    50,
    75,
    100,
    150,
    250,
    500,
    1_000,
    2_500,
    5_000,
    10_000,
    30_000,
    60_000,
    300_000,
    Long.MAX_VALUE
  };

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryAnalytics.class);

  private record StatKey(
      LocalDate day, String channel, String category, String provider, String metric) {}

  private record LatencyKey(LocalDate day, String channel, String provider, long bucketMs) {}

  private final AnalyticsStore store;
  private final Map<StatKey, LongAdder> stats = new ConcurrentHashMap<>();
  private final Map<LatencyKey, LongAdder> latencies = new ConcurrentHashMap<>();

  DeliveryAnalytics(AnalyticsStore store) {
    this.store = store;
  }

  /** Counts one occurrence of {@code metric}. Null dimensions count as {@code none}. */
  public void count(Instant at, String channel, String category, String provider, String metric) {
    stats
        .computeIfAbsent(
            new StatKey(day(at), or(channel), or(category), or(provider), metric),
            k -> new LongAdder())
        .increment();
  }

  /** Records the time from the event to the provider's acceptance. */
  public void latency(Instant at, String channel, String provider, Duration latency) {
    long ms = Math.max(0, latency.toMillis());
    long bucket = BUCKETS_MS[BUCKETS_MS.length - 1];
    for (long b : BUCKETS_MS) {
      if (ms <= b) {
        bucket = b;
        break;
      }
    }
    latencies
        .computeIfAbsent(
            new LatencyKey(day(at), or(channel), or(provider), bucket), k -> new LongAdder())
        .increment();
  }

  /** Writes the counted increments; called on a schedule, before queries and at shutdown. */
  @Scheduled(fixedDelay = "${kilowatch.delivery.analytics-flush:1s}")
  @Transactional
  public synchronized void flush() {
    List<StatRow> statRows = new ArrayList<>();
    stats.forEach(
        (k, adder) -> {
          long n = adder.sumThenReset();
          if (n > 0) {
            statRows.add(
                new StatRow(k.day(), k.channel(), k.category(), k.provider(), k.metric(), n));
          }
        });
    List<LatencyRow> latencyRows = new ArrayList<>();
    latencies.forEach(
        (k, adder) -> {
          long n = adder.sumThenReset();
          if (n > 0) {
            latencyRows.add(new LatencyRow(k.day(), k.channel(), k.provider(), k.bucketMs(), n));
          }
        });
    if (!statRows.isEmpty() || !latencyRows.isEmpty()) {
      store.add(statRows, latencyRows);
    }
  }

  @PreDestroy
  void flushAtShutdown() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("analytics not flushed at shutdown: {}", e.toString());
    }
  }

  /** The percentile's bucket bound from a histogram (rows of one group), or null if empty. */
  public static Long percentile(List<LatencyRow> histogram, double p) {
    long total = histogram.stream().mapToLong(LatencyRow::count).sum();
    if (total == 0) {
      return null;
    }
    long rank = (long) Math.ceil(p * total);
    long seen = 0;
    for (LatencyRow row :
        histogram.stream()
            .sorted(java.util.Comparator.comparingLong(LatencyRow::bucketMs))
            .toList()) {
      seen += row.count();
      if (seen >= rank) {
        return row.bucketMs();
      }
    }
    return histogram.get(histogram.size() - 1).bucketMs();
  }

  private static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  private static String or(String value) {
    return value == null ? "none" : value;
  }
}
