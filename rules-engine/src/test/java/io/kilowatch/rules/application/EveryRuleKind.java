package io.kilowatch.rules.application;

import io.kilowatch.events.billing.BillIssued;
import io.kilowatch.events.billing.BillProjected;
import io.kilowatch.events.billing.PaymentDue;
import io.kilowatch.events.billing.PaymentOverdue;
import io.kilowatch.events.metering.OutageCleared;
import io.kilowatch.events.metering.OutageSuspected;
import io.kilowatch.events.metering.UsageWindowUpdated;
import io.kilowatch.events.pricing.PriceChanged;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One customer with a rule of every kind (usage rules both on one meter and on all meters, price
 * rules on both sides, on a tariff and announced ahead) and a sequence of events that makes every
 * one of them notify, through the same evaluations the queues call. Used to check what the rules
 * engine emits for each kind: the channels, the template keys and their data.
 */
final class EveryRuleKind {
  static final String REGION = "GB-LON";
  static final String ZONE = "Europe/London";
  static final String TARIFF = "AGILE-24";
  // Monday 13 July 2026 in London
  static final LocalDate MONDAY = LocalDate.of(2026, 7, 13);
  static final LocalDate JULY = LocalDate.of(2026, 7, 1);
  static final Instant AT = Instant.parse("2026-07-20T06:00:00Z");

  private EveryRuleKind() {}

  /**
   * Gives the customer a meter in {@link #REGION} and one rule of every kind (and every variant
   * whose data differs).
   *
   * @param extra fields every rule gets besides its own, e.g. {@code "channels", "email,sms"}
   * @return the rules made
   */
  static List<Rule> rules(
      RulesEngineFixture engine, String customer, String meter, String... extra) {
    engine.assign(customer, meter, REGION, ZONE);
    List<String[]> kinds =
        List.of(
            new String[] {"kind", "daily-usage-above", "thresholdKwh", "15"},
            new String[] {"kind", "weekly-usage-above", "thresholdKwh", "50"},
            new String[] {"kind", "weekly-usage-above", "thresholdKwh", "50", "meterId", meter},
            new String[] {"kind", "billing-period-usage-above", "thresholdKwh", "60"},
            new String[] {
              "kind", "billing-period-usage-above", "thresholdKwh", "60", "meterId", meter
            },
            new String[] {"kind", "usage-above-baseline", "percent", "50"},
            new String[] {"kind", "usage-above-baseline", "percent", "50", "meterId", meter},
            new String[] {"kind", "projected-bill-above", "amount", "100", "currency", "GBP"},
            new String[] {"kind", "period-cost-above", "amount", "50", "currency", "GBP"},
            new String[] {"kind", "price-threshold", "above", "30"},
            new String[] {"kind", "price-threshold", "below", "5"},
            new String[] {
              "kind", "price-threshold", "tariff", TARIFF, "timing", "upcoming", "above", "30"
            },
            new String[] {"kind", "price-day-ahead-digest"},
            new String[] {"kind", "outage"},
            new String[] {"kind", "outage", "meterId", meter},
            new String[] {"kind", "bill-issued"},
            new String[] {"kind", "payment-due"},
            new String[] {"kind", "payment-overdue"});
    List<Rule> made = new ArrayList<>();
    for (String[] fields : kinds) {
      String[] all = Arrays.copyOf(fields, fields.length + extra.length);
      System.arraycopy(extra, 0, all, fields.length, extra.length);
      made.add(engine.create(customer, all));
    }
    List<RuleKind> missing = new ArrayList<>(List.of(RuleKind.values()));
    made.forEach(r -> missing.remove(r.kind()));
    if (!missing.isEmpty()) {
      throw new AssertionError("the scenario has no rule of kind " + missing);
    }
    return made;
  }

  /**
   * Events that make every rule of {@link #rules} notify: billing's projection (cost rules, and the
   * billing period), eight days of use (daily, weekly, billing-period and baseline rules), price
   * moves up and down, announced ahead on a tariff, day-ahead prices, an outage in the region and
   * one at each meter, suspected and cleared, and a bill issued, due and overdue.
   */
  static void events(RulesEngineFixture engine, List<String> customers, List<String> meters) {
    for (String customer : customers) {
      engine.billing.onBillProjected(
          new BillProjected(
              customer,
              JULY,
              JULY.plusMonths(1).minusDays(1),
              "120.00",
              "60.00",
              "GBP",
              Instant.parse("2026-07-12T06:00:00Z")));
    }
    for (String meter : meters) {
      for (int i = 0; i < 7; i++) {
        day(engine, meter, MONDAY.plusDays(i), 10_000);
      }
      day(engine, meter, MONDAY.plusDays(7), 20_000);
    }
    Instant validFrom = Instant.parse("2026-07-20T08:30:00Z");
    engine.prices.onPriceChanged(
        RulesEngineFixture.eventId(),
        AT,
        new PriceChanged(REGION, null, "28", "33", "GBP", validFrom, null, false));
    engine.prices.onPriceChanged(
        RulesEngineFixture.eventId(),
        AT,
        new PriceChanged(
            REGION, null, "33", "4.5", "GBP", validFrom, validFrom.plusSeconds(1800), false));
    engine.prices.onPriceChanged(
        RulesEngineFixture.eventId(),
        AT,
        new PriceChanged(
            REGION, TARIFF, "25", "31", "GBP", validFrom, validFrom.plusSeconds(1800), true));
    engine.digests.onDayAheadPrices(DayAheadDigestTest.prices(REGION), AT);
    Instant since = Instant.parse("2026-07-20T09:05:00Z");
    Instant cleared = Instant.parse("2026-07-20T10:40:00Z");
    engine.outages.onOutageSuspected(new OutageSuspected("OUT-R", REGION, null, since));
    engine.outages.onOutageCleared(new OutageCleared("OUT-R", REGION, null, cleared));
    for (String meter : meters) {
      engine.outages.onOutageSuspected(new OutageSuspected("OUT-" + meter, null, meter, since));
      engine.outages.onOutageCleared(new OutageCleared("OUT-" + meter, null, meter, cleared));
    }
    LocalDate due = LocalDate.of(2026, 8, 1);
    for (String customer : customers) {
      String bill = "B-" + customer;
      engine.billing.onBillIssued(new BillIssued(customer, bill, "84.10", "GBP", due), AT);
      engine.billing.onPaymentDue(new PaymentDue(customer, bill, "84.10", "GBP", due), AT);
      engine.billing.onPaymentOverdue(new PaymentOverdue(customer, bill, "84.10", "GBP", due), AT);
    }
  }

  static void day(RulesEngineFixture engine, String meter, LocalDate date, long wh) {
    ZoneId zone = ZoneId.of(ZONE);
    Instant start = date.atStartOfDay(zone).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
    engine.usage.onUsageWindowUpdated(
        new UsageWindowUpdated(meter, "P1D", start, end, wh, 10, start.plusSeconds(20 * 3600)));
  }
}
