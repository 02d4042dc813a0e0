package io.kilowatch.delivery.adapter.in.web;

import io.kilowatch.delivery.application.AnalyticsStore;
import io.kilowatch.delivery.application.AnalyticsStore.LatencyRow;
import io.kilowatch.delivery.application.AnalyticsStore.StatRow;
import io.kilowatch.delivery.application.DeliveryAnalytics;
import io.kilowatch.platform.security.Roles;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.transaction.annotation.Transactional;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Delivery analytics for marketing and ops: per day × channel × category × provider the counts of
 * requested, suppressed (by reason), duplicate, sent, delivered, failed (by class), bounced,
 * opened, clicked, unsubscribed; and per day × channel × provider the latency from event to
 * provider acceptance (p50/p95/p99, bucket upper bounds in ms).
 */
@Controller("/api/v1/analytics")
@Secured({Roles.OPS, Roles.ADMIN})
class AnalyticsController {
  private static final int MAX_DAYS = 366;

  private final AnalyticsStore store;
  private final DeliveryAnalytics analytics;

  AnalyticsController(AnalyticsStore store, DeliveryAnalytics analytics) {
    this.store = store;
    this.analytics = analytics;
  }

  record Group(
      LocalDate day, String channel, String category, String provider, Map<String, Long> counts) {}

  record Latency(
      LocalDate day,
      String channel,
      String provider,
      long count,
      Long p50Ms,
      Long p95Ms,
      Long p99Ms) {}

  record Report(LocalDate from, LocalDate to, List<Group> deliveries, List<Latency> latency) {}

  @Get("/deliveries{?from,to}")
  @Transactional
  Report deliveries(
      @io.micronaut.core.annotation.Nullable @QueryValue String from,
      @io.micronaut.core.annotation.Nullable @QueryValue String to) {
    LocalDate start = date("from", from);
    LocalDate end = date("to", to);
    List<FieldError> errors = new ArrayList<>();
    if (end.isBefore(start)) {
      errors.add(new FieldError("to", "must not be before from"));
    } else if (start.plusDays(MAX_DAYS).isBefore(end)) {
      errors.add(new FieldError("to", "at most " + MAX_DAYS + " days per query"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    analytics.flush(); // include what was counted since the last scheduled flush
    Map<List<Object>, Map<String, Long>> groups = new LinkedHashMap<>();
    for (StatRow r : store.stats(start, end)) {
      groups
          .computeIfAbsent(
              List.of(r.day(), r.channel(), r.category(), r.provider()), k -> new TreeMap<>())
          .merge(r.metric(), r.count(), Long::sum);
    }
    List<Group> deliveries =
        groups.entrySet().stream()
            .map(
                e ->
                    new Group(
                        (LocalDate) e.getKey().get(0),
                        (String) e.getKey().get(1),
                        (String) e.getKey().get(2),
                        (String) e.getKey().get(3),
                        e.getValue()))
            .toList();
    Map<List<Object>, List<LatencyRow>> histograms =
        store.latencies(start, end).stream()
            .collect(
                Collectors.groupingBy(
                    r -> List.of(r.day(), r.channel(), r.provider()),
                    LinkedHashMap::new,
                    Collectors.toList()));
    List<Latency> latency =
        histograms.entrySet().stream()
            .map(
                e ->
                    new Latency(
                        (LocalDate) e.getKey().get(0),
                        (String) e.getKey().get(1),
                        (String) e.getKey().get(2),
                        e.getValue().stream().mapToLong(LatencyRow::count).sum(),
                        DeliveryAnalytics.percentile(e.getValue(), 0.50),
                        DeliveryAnalytics.percentile(e.getValue(), 0.95),
                        DeliveryAnalytics.percentile(e.getValue(), 0.99)))
            .toList();
    return new Report(start, end, deliveries, latency);
  }

  private static LocalDate date(String field, String value) {
    if (value == null || value.isBlank()) {
      throw InvalidInputException.of(field, "is required, an ISO date like 2026-11-22");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw InvalidInputException.of(field, "must be an ISO date like 2026-11-22");
    }
  }
}
