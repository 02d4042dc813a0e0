package io.kilowatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.events.billing.BillProjected;
import io.kilowatch.events.metering.OutageSuspected;
import io.kilowatch.events.pricing.DayAheadPricesPublished;
import io.kilowatch.events.pricing.PriceChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the new contracts refuse, so that consumers only ever see well-formed values. */
class ContractValidationTest {
  static final Instant T = Instant.parse("2026-11-22T09:30:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"28.50", "-3.2", "0", "100000", "-0.000001"})
  void plainDecimalPricesAreAccepted(String price) {
    assertThat(new PriceChanged("GB-LON", null, "20", price, "GBP", T, null, false).newPrice())
        .isEqualTo(price);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1E+3", "28,50", "", " 28.5", "abc", ".5", "NaN", "+3"})
  void otherPriceTextIsRefused(String price) {
    assertThatThrownBy(() -> new PriceChanged("GB-LON", null, "20", price, "GBP", T, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("newPrice");
  }

  @Test
  void aPriceChangeNeedsARegionAndAValidPeriod() {
    assertThatThrownBy(() -> new PriceChanged(" ", null, "1", "2", "GBP", T, null, false))
        .hasMessageContaining("region");
    assertThatThrownBy(() -> new PriceChanged("GB-LON", null, "1", "2", "GBP", T, T, false))
        .hasMessageContaining("validTo");
    assertThatThrownBy(() -> new PriceChanged("GB-LON", null, "1", "2", "gbp", T, null, false))
        .hasMessageContaining("currency");
  }

  @Test
  void optionalFieldsAreExplicitNullsOnTheWire() {
    String body =
        """
        {"specversion":"1.0","id":"x","source":"/t","type":"pricing.price-changed.v1",
         "time":"2026-11-22T09:15:00Z","data":{"region":"GB-LON","tariff":null,
         "previousPrice":"20","newPrice":"31","currency":"GBP",
         "validFrom":"2026-11-22T09:30:00Z","validTo":null,"upcoming":false}}
        """;
    var event =
        EventCodec.decode(body.getBytes(StandardCharsets.UTF_8), EventTypes.PRICE_CHANGED).data();
    assertThat(event.tariff()).isNull();
    assertThat(event.validTo()).isNull();
    assertThat(event.upcoming()).isFalse();
  }

  @Test
  void aMissingFieldIsMalformedEvenWhenItMayBeNull() {
    String body =
        """
        {"specversion":"1.0","id":"x","source":"/t","type":"pricing.price-changed.v1",
         "time":"2026-11-22T09:15:00Z","data":{"region":"GB-LON","tariff":null,
         "previousPrice":"20","newPrice":"31","currency":"GBP",
         "validFrom":"2026-11-22T09:30:00Z","validTo":null}}
        """;
    assertThatThrownBy(
            () ->
                EventCodec.decode(body.getBytes(StandardCharsets.UTF_8), EventTypes.PRICE_CHANGED))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("upcoming");
  }

  @Test
  void anExplicitNullForARequiredFieldIsMalformedAndNamesIt() {
    String body =
        """
        {"specversion":"1.0","id":"x","source":"/t","type":"billing.meter-assigned.v1",
         "time":"2026-11-22T09:15:00Z","data":{"customerId":"C-1","meterId":null,
         "region":"GB-LON","timeZone":"Europe/London","assignedFrom":"2026-11-22T09:15:00Z"}}
        """;
    assertThatThrownBy(
            () ->
                EventCodec.decode(body.getBytes(StandardCharsets.UTF_8), EventTypes.METER_ASSIGNED))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("field 'meterId' is required");
  }

  @Test
  void aBadPriceOnTheWireIsMalformed() {
    String body =
        """
        {"specversion":"1.0","id":"x","source":"/t","type":"pricing.price-changed.v1",
         "time":"2026-11-22T09:15:00Z","data":{"region":"GB-LON","tariff":null,
         "previousPrice":"20.5","newPrice":"1e3","currency":"GBP",
         "validFrom":"2026-11-22T09:30:00Z","validTo":null,"upcoming":false}}
        """;
    assertThatThrownBy(
            () ->
                EventCodec.decode(body.getBytes(StandardCharsets.UTF_8), EventTypes.PRICE_CHANGED))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("newPrice");
  }

  @Test
  void dayAheadIntervalsMustBeOrderedAndNotOverlap() {
    var first = new DayAheadPricesPublished.Interval(T, T.plusSeconds(1800), "10");
    var overlapping =
        new DayAheadPricesPublished.Interval(T.plusSeconds(900), T.plusSeconds(2700), "11");
    assertThatThrownBy(
            () ->
                new DayAheadPricesPublished(
                    "GB-LON",
                    null,
                    LocalDate.of(2026, 11, 23),
                    "Europe/London",
                    "GBP",
                    List.of(first, overlapping)))
        .hasMessageContaining("overlap");
    assertThatThrownBy(
            () ->
                new DayAheadPricesPublished(
                    "GB-LON", null, LocalDate.of(2026, 11, 23), "Europe/London", "GBP", List.of()))
        .hasMessageContaining("empty");
  }

  @Test
  void billAmountsAreNotNegative() {
    assertThatThrownBy(
            () ->
                new BillProjected(
                    "C-1",
                    LocalDate.of(2026, 11, 1),
                    LocalDate.of(2026, 11, 30),
                    "-1",
                    "0",
                    "GBP",
                    T))
        .hasMessageContaining("projectedAmount");
  }

  @Test
  void anOutageNeedsARegionOrAMeter() {
    assertThatThrownBy(() -> new OutageSuspected("OUT-1", null, null, T))
        .hasMessageContaining("region, a meterId or both");
    assertThat(new OutageSuspected("OUT-1", null, "MTR-1", T).meterId()).isEqualTo("MTR-1");
  }
}
