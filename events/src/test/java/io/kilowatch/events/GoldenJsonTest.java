package io.kilowatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
                    T))));
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
