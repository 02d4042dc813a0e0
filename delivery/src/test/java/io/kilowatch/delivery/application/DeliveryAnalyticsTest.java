package io.kilowatch.delivery.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.delivery.application.AnalyticsStore.LatencyRow;
import io.kilowatch.delivery.application.AnalyticsStore.StatRow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryAnalyticsTest {
  final List<StatRow> stats = new ArrayList<>();
  final List<LatencyRow> latencies = new ArrayList<>();
  final DeliveryAnalytics analytics =
      new DeliveryAnalytics(
          new AnalyticsStore() {
            @Override
            public void add(List<StatRow> s, List<LatencyRow> l) {
              stats.addAll(s);
              latencies.addAll(l);
            }

            @Override
            public List<StatRow> stats(LocalDate from, LocalDate to) {
              return stats;
            }

            @Override
            public List<LatencyRow> latencies(LocalDate from, LocalDate to) {
              return latencies;
            }
          });

  @Test
  void flushWritesIncrementsOnceAndByUtcDay() {
    Instant lateEvening = Instant.parse("2026-11-22T23:59:59Z");
    analytics.count(lateEvening, "sms", "usage", "twilio", "sent");
    analytics.count(lateEvening, "sms", "usage", "twilio", "sent");
    analytics.count(lateEvening.plusSeconds(2), "sms", "usage", "twilio", "sent");
    analytics.flush();
    analytics.flush();
    assertThat(stats)
        .containsExactlyInAnyOrder(
            new StatRow(LocalDate.parse("2026-11-22"), "sms", "usage", "twilio", "sent", 2),
            new StatRow(LocalDate.parse("2026-11-23"), "sms", "usage", "twilio", "sent", 1));
  }

  @Test
  void percentilesComeFromTheHistogram() {
    Instant t = Instant.parse("2026-11-22T10:00:00Z");
    for (int i = 0; i < 90; i++) {
      analytics.latency(t, "sms", "twilio", Duration.ofMillis(40));
    }
    for (int i = 0; i < 9; i++) {
      analytics.latency(t, "sms", "twilio", Duration.ofMillis(200));
    }
    analytics.latency(t, "sms", "twilio", Duration.ofSeconds(3));
    analytics.flush();
    assertThat(DeliveryAnalytics.percentile(latencies, 0.50)).isEqualTo(50);
    assertThat(DeliveryAnalytics.percentile(latencies, 0.95)).isEqualTo(250);
    assertThat(DeliveryAnalytics.percentile(latencies, 0.99)).isEqualTo(250);
    assertThat(DeliveryAnalytics.percentile(latencies, 1.0)).isEqualTo(5_000);
    assertThat(DeliveryAnalytics.percentile(List.of(), 0.5)).isNull();
  }
}
