package io.kilowatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.events.billing.BillIssued;
import io.kilowatch.events.billing.BillProjected;
import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.events.billing.PaymentDue;
import io.kilowatch.events.billing.PaymentOverdue;
import io.kilowatch.events.metering.OutageCleared;
import io.kilowatch.events.metering.OutageSuspected;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.events.notification.DeliveryStatusChanged;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.events.pricing.DayAheadPricesPublished;
import io.kilowatch.events.pricing.PriceChanged;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire form of every event: the encoded sample must equal the stored golden file, and the
 * golden file must decode to the sample. Changing a golden file means a breaking change: add a new
 * event version instead.
 */
class GoldenJsonTest {
  static final Instant T = Instant.parse("2026-11-22T09:15:00Z");

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(
            EventTypes.USAGE_WINDOW_UPDATED,
            new EventEnvelope<>(
                "0b7d3f5e-1111-4a4a-9c9c-000000000001",
                EventTypes.USAGE_WINDOW_UPDATED.name(),
                "/kilowatch/metering-ingest",
                T,
                "meter/MTR-1",
                new UsageWindowUpdated(
                    "MTR-1",
                    "P1D",
                    Instant.parse("2026-11-22T00:00:00Z"),
                    Instant.parse("2026-11-23T00:00:00Z"),
                    10_250,
                    37,
                    T))),
        Arguments.of(
            EventTypes.METER_ASSIGNED,
            new EventEnvelope<>(
                "0b7d3f5e-1111-4a4a-9c9c-000000000002",
                EventTypes.METER_ASSIGNED.name(),
                "/kilowatch/billing-core",
                T,
                "customer/C-1",
                new MeterAssigned("C-1", "MTR-1", "GB-LON", "Europe/London", T))),
        Arguments.of(
            EventTypes.NOTIFICATION_REQUESTED,
            new EventEnvelope<>(
                "0b7d3f5e-1111-4a4a-9c9c-000000000003",
                EventTypes.NOTIFICATION_REQUESTED.name(),
                "/kilowatch/rules-engine",
                T,
                "customer/C-1",
                new NotificationRequested(
                    "n-1",
                    "C-1",
                    NotificationCategory.USAGE,
                    NotificationPriority.NORMAL,
                    "usage.daily-threshold-crossed",
                    "rule:r-1:2026-11-22T00:00:00Z",
                    Map.of("thresholdKwh", "10", "usageKwh", "10.25"),
                    T))),
        Arguments.of(
            EventTypes.PRICE_CHANGED,
            sample(
                4,
                EventTypes.PRICE_CHANGED,
                "/kilowatch/pricing-engine",
                "region/GB-LON",
                new PriceChanged(
                    "GB-LON",
                    "AGILE-24",
                    "24.50",
                    "31.25",
                    "GBP",
                    Instant.parse("2026-11-22T09:30:00Z"),
                    Instant.parse("2026-11-22T10:00:00Z"),
                    true))),
        Arguments.of(
            EventTypes.DAY_AHEAD_PRICES_PUBLISHED,
            sample(
                5,
                EventTypes.DAY_AHEAD_PRICES_PUBLISHED,
                "/kilowatch/pricing-engine",
                "region/GB-LON",
                new DayAheadPricesPublished(
                    "GB-LON",
                    null,
                    LocalDate.of(2026, 11, 23),
                    "Europe/London",
                    "GBP",
                    List.of(
                        new DayAheadPricesPublished.Interval(
                            Instant.parse("2026-11-23T00:00:00Z"),
                            Instant.parse("2026-11-23T00:30:00Z"),
                            "12.10"),
                        new DayAheadPricesPublished.Interval(
                            Instant.parse("2026-11-23T00:30:00Z"),
                            Instant.parse("2026-11-23T01:00:00Z"),
                            "-1.05"))))),
        Arguments.of(
            EventTypes.BILL_PROJECTED,
            sample(
                6,
                EventTypes.BILL_PROJECTED,
                "/kilowatch/billing-core",
                "customer/C-1",
                new BillProjected(
                    "C-1",
                    LocalDate.of(2026, 11, 1),
                    LocalDate.of(2026, 11, 30),
                    "123.45",
                    "80.10",
                    "GBP",
                    T))),
        Arguments.of(
            EventTypes.BILL_ISSUED,
            sample(
                7,
                EventTypes.BILL_ISSUED,
                "/kilowatch/billing-core",
                "customer/C-1",
                new BillIssued("C-1", "B-2026-11", "84.10", "GBP", DUE))),
        Arguments.of(
            EventTypes.PAYMENT_DUE,
            sample(
                8,
                EventTypes.PAYMENT_DUE,
                "/kilowatch/billing-core",
                "customer/C-1",
                new PaymentDue("C-1", "B-2026-11", "84.10", "GBP", DUE))),
        Arguments.of(
            EventTypes.PAYMENT_OVERDUE,
            sample(
                9,
                EventTypes.PAYMENT_OVERDUE,
                "/kilowatch/billing-core",
                "customer/C-1",
                new PaymentOverdue("C-1", "B-2026-11", "84.10", "GBP", DUE))),
        Arguments.of(
            EventTypes.OUTAGE_SUSPECTED,
            sample(
                10,
                EventTypes.OUTAGE_SUSPECTED,
                "/kilowatch/metering-ingest",
                "region/GB-LON",
                new OutageSuspected(
                    "OUT-42", "GB-LON", null, Instant.parse("2026-11-22T09:05:00Z")))),
        Arguments.of(
            EventTypes.OUTAGE_CLEARED,
            sample(
                11,
                EventTypes.OUTAGE_CLEARED,
                "/kilowatch/metering-ingest",
                "meter/MTR-1",
                new OutageCleared("OUT-43", null, "MTR-1", Instant.parse("2026-11-22T09:14:00Z")))),
        Arguments.of(
            EventTypes.DELIVERY_STATUS_CHANGED,
            sample(
                12,
                EventTypes.DELIVERY_STATUS_CHANGED,
                "/kilowatch/delivery",
                "customer/C-1",
                new DeliveryStatusChanged(
                    "n-1",
                    "C-1",
                    NotificationCategory.USAGE,
                    "usage.daily-threshold-crossed",
                    "delivered",
                    null,
                    "sms",
                    "twilio",
                    "SM0123456789abcdef0123456789abcdef",
                    Instant.parse("2026-11-22T09:15:04Z")))));
  }

  static final LocalDate DUE = LocalDate.of(2026, 12, 15);

  private static <T> EventEnvelope<T> sample(
      int n, EventType<T> type, String source, String subject, T data) {
    return new EventEnvelope<>(
        String.format("0b7d3f5e-1111-4a4a-9c9c-%012d", n), type.name(), source, T, subject, data);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  <T> void encodesToGolden(EventType<T> type, EventEnvelope<T> sample) throws IOException {
    JsonNode encoded = EventCodec.mapper().readTree(EventCodec.encode(sample));
    assertThat(encoded).isEqualTo(golden(type));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  <T> void goldenDecodesToSample(EventType<T> type, EventEnvelope<T> sample) throws IOException {
    byte[] golden = EventCodec.mapper().writeValueAsBytes(golden(type));
    assertThat(EventCodec.decode(golden, type)).isEqualTo(sample);
  }

  @Test
  void everyRegisteredTypeHasAGoldenFile() {
    assertThat(EventTypes.ALL)
        .allSatisfy(
            type ->
                assertThat(getClass().getResource("/golden/" + type.name() + ".json"))
                    .as(type.name())
                    .isNotNull());
  }

  @Test
  void missingRequiredFieldIsMalformedAndNamesIt() {
    String body =
        """
        {"specversion":"1.0","id":"x","source":"/t","type":"billing.meter-assigned.v1",
         "time":"2026-11-22T09:15:00Z","data":{"customerId":"C-1","region":"GB",
         "timeZone":"Europe/London","assignedFrom":"2026-11-22T09:15:00Z"}}
        """;
    assertThatThrownBy(
            () ->
                EventCodec.decode(body.getBytes(StandardCharsets.UTF_8), EventTypes.METER_ASSIGNED))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("meterId");
  }

  @Test
  void fieldAddedToAVersionLaterIsReadWithItsDefaultWhenAnOlderProducerLeftItOut()
      throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode old =
        (com.fasterxml.jackson.databind.node.ObjectNode) golden(EventTypes.NOTIFICATION_REQUESTED);
    ((com.fasterxml.jackson.databind.node.ObjectNode) old.get("data")).remove("channels");
    NotificationRequested decoded =
        EventCodec.decode(
                EventCodec.mapper().writeValueAsBytes(old), EventTypes.NOTIFICATION_REQUESTED)
            .data();
    assertThat(decoded.channels()).isEmpty();
    assertThat(decoded.customerId()).isEqualTo("C-1");
  }

  @Test
  void preferredChannelsMustBeKnownAndDistinct() {
    String body =
        """
        {"specversion":"1.0","id":"x","source":"/t","type":"notification.requested.v1",
         "time":"2026-11-22T09:15:00Z","data":{"notificationId":"n","customerId":"C-1",
         "category":"usage","priority":"normal","templateKey":"k","idempotencyKey":"i",
         "data":{},"requestedAt":"2026-11-22T09:15:00Z","channels":["sms","pigeon"]}}
        """;
    assertThatThrownBy(
            () ->
                EventCodec.decode(
                    body.getBytes(StandardCharsets.UTF_8), EventTypes.NOTIFICATION_REQUESTED))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("pigeon");
  }

  @Test
  void wrongTypeIsMalformed() {
    byte[] body =
        EventCodec.encode(
            EventEnvelope.of(
                EventTypes.METER_ASSIGNED,
                "/t",
                T,
                null,
                new MeterAssigned("C-1", "MTR-1", "GB-LON", "Europe/London", T)));
    assertThatThrownBy(() -> EventCodec.decode(body, EventTypes.USAGE_WINDOW_UPDATED))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("expected type");
  }

  @Test
  void notJsonIsMalformed() {
    assertThatThrownBy(() -> EventCodec.decodeRaw("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedEventException.class);
  }

  private static JsonNode golden(EventType<?> type) throws IOException {
    try (InputStream in =
        GoldenJsonTest.class.getResourceAsStream("/golden/" + type.name() + ".json")) {
      assertThat(in).as("golden file for " + type.name()).isNotNull();
      return EventCodec.mapper().readTree(in);
    }
  }
}
