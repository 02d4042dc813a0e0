package io.kilowatch.rules.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.events.pricing.DayAheadPricesPublished;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Day-ahead digests from published prices to the notifications in the outbox. */
class DayAheadDigestTest {
  static final Instant T = Instant.parse("2026-07-15T16:00:00Z");

  RulesEngineFixture engine = new RulesEngineFixture();

  @Test
  void everyDigestRuleOfTheRegionGetsTomorrowsWindowsOnce() {
    for (int i = 1; i <= 7; i++) {
      engine.assign("C-" + i, "MTR-" + i, "GB-LON", "Europe/London");
      engine.create("C-" + i, "kind", "price-day-ahead-digest");
    }
    engine.assign("C-man", "MTR-man", "GB-MAN", "Europe/London");
    engine.create("C-man", "kind", "price-day-ahead-digest");
    DayAheadPricesPublished prices = prices("GB-LON");

    int sent = engine.digests.onDayAheadPrices(prices, T);
    engine.digests.onDayAheadPrices(prices, T); // the same day again

    assertThat(sent).isEqualTo(7);
    assertThat(engine.sent()).hasSize(7);
    assertThat(engine.sent()).extracting(NotificationRequested::customerId).doesNotContain("C-man");
    NotificationRequested n = engine.sent().get(0);
    assertThat(n.templateKey()).isEqualTo("price.day-ahead-digest");
    // 16 July in BST: 00:00 local is 23:00 UTC; the cheapest hour is 02:00-03:00 local
    assertThat(n.data())
        .containsEntry("day", "2026-07-16")
        .containsEntry("cheapestWindow", "02:00-03:00")
        .containsEntry("cheapestPrice", "-1.50")
        .containsEntry("dearestWindow", "05:00-06:00")
        .containsEntry("dearestPrice", "40.00")
        .containsEntry("unit", "p/kWh");
    assertThat(n.idempotencyKey()).endsWith(":digest:2026-07-16");
  }

  static DayAheadPricesPublished prices(String region) {
    String[] hourly = {"12.00", "11.00", "-1.50", "9.00", "20.00", "40.00", "30.00", "15.00"};
    Instant midnight = Instant.parse("2026-07-15T23:00:00Z");
    List<DayAheadPricesPublished.Interval> intervals = new ArrayList<>();
    for (int h = 0; h < hourly.length; h++) {
      Instant start = midnight.plus(Duration.ofHours(h));
      intervals.add(
          new DayAheadPricesPublished.Interval(start, start.plus(Duration.ofHours(1)), hourly[h]));
    }
    return new DayAheadPricesPublished(
        region, null, LocalDate.of(2026, 7, 16), "Europe/London", "GBP", intervals);
  }
}
