package io.kilowatch.rules;

import static org.awaitility.Awaitility.await;

import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.platform.messaging.EventPublisher;
import io.kilowatch.rules.application.port.out.MeterOwners;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Events as the other modules publish them, put on the test's broker namespace. */
public final class TestEvents {
  public static final Instant ASSIGNED_FROM = Instant.parse("2026-07-01T00:00:00Z");

  private TestEvents() {}

  public static EventEnvelope<MeterAssigned> meterAssigned(
      String customerId, String meterId, String timeZone) {
    return meterAssigned(customerId, meterId, "GB-LON", timeZone);
  }

  public static EventEnvelope<MeterAssigned> meterAssigned(
      String customerId, String meterId, String region, String timeZone) {
    return EventEnvelope.of(
        EventTypes.METER_ASSIGNED,
        "/kilowatch/billing-core",
        ASSIGNED_FROM,
        "customer/" + customerId,
        new MeterAssigned(customerId, meterId, region, timeZone, ASSIGNED_FROM));
  }

  /** An event of {@code type} about {@code subject}, as its producer would publish it. */
  public static <T> EventEnvelope<T> event(
      io.kilowatch.events.EventType<T> type, String subject, Instant time, T data) {
    return EventEnvelope.of(type, "/kilowatch/test-producer", time, subject, data);
  }

  /** A daily total of {@code energyWh} for the day starting at {@code windowStart}. */
  public static EventEnvelope<UsageWindowUpdated> dailyUsage(
      String meterId, Instant windowStart, long energyWh) {
    return usage(meterId, "P1D", windowStart, windowStart.plus(1, ChronoUnit.DAYS), energyWh);
  }

  public static EventEnvelope<UsageWindowUpdated> usage(
      String meterId, String granularity, Instant start, Instant end, long energyWh) {
    // a later total is computed later; the test can tell which update a notification came from
    Instant asOf = start.plus(2, ChronoUnit.HOURS).plusMillis(energyWh);
    return EventEnvelope.of(
        EventTypes.USAGE_WINDOW_UPDATED,
        "/kilowatch/metering-ingest",
        asOf,
        "meter/" + meterId,
        new UsageWindowUpdated(meterId, granularity, start, end, energyWh, 12, asOf));
  }

  /** Publishes the events in this order, confirmed by the broker. */
  public static void publish(ApplicationContext context, List<EventEnvelope<?>> events) {
    try {
      context
          .getBean(EventPublisher.class)
          .publish(
              events.stream()
                  .map(e -> new EventPublisher.Message(e.type(), e.id(), EventCodec.encode(e)))
                  .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the rules engine's projection knows the meter as the customer's. */
  @SuppressWarnings("unchecked")
  public static void awaitOwner(ApplicationContext context, String meterId, String customerId) {
    TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
    MeterOwners owners = context.getBean(MeterOwners.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                tx.executeRead(
                    status ->
                        owners
                            .find(meterId)
                            .filter(o -> o.customerId().equals(customerId))
                            .isPresent()));
  }
}
