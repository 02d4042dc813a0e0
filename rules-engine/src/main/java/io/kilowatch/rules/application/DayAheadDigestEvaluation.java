package io.kilowatch.rules.application;

import io.kilowatch.events.pricing.DayAheadPricesPublished;
import io.kilowatch.platform.messaging.RejectedEventException;
import io.kilowatch.rules.application.port.out.RuleStore;
import io.kilowatch.rules.domain.DayAheadWindows;
import io.kilowatch.rules.domain.PriceUnit;
import io.kilowatch.rules.domain.Regions;
import io.kilowatch.rules.domain.RuleKind;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Day-ahead digests: when a region's (or tariff's) prices for tomorrow are published, every digest
 * rule of that region gets tomorrow's cheapest and dearest windows, once per rule and day. The
 * region's rules are paged by id, one transaction per page ({@link FanOut}). Thread-safe.
 */
@Singleton
public class DayAheadDigestEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(DayAheadDigestEvaluation.class);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private final RuleStore rules;
  private final AlertDispatcher dispatcher;
  private final FanOut fanOut;
  private final RulesSettings settings;

  DayAheadDigestEvaluation(
      RuleStore rules, AlertDispatcher dispatcher, FanOut fanOut, RulesSettings settings) {
    this.rules = rules;
    this.dispatcher = dispatcher;
    this.fanOut = fanOut;
    this.settings = settings;
  }

  /**
   * Returns how many digests were requested. Runs in the event's transaction.
   *
   * @throws RejectedEventException for an unknown zone, or a region or tariff that is no code
   */
  @Transactional
  public int onDayAheadPrices(DayAheadPricesPublished prices, Instant at) {
    ZoneId zone;
    try {
      zone = ZoneId.of(prices.timeZone());
    } catch (DateTimeException e) {
      throw new RejectedEventException("timeZone '" + prices.timeZone() + "' is not a zone id");
    }
    if (!Regions.isName(prices.region())
        || (prices.tariff() != null && !Regions.isName(prices.tariff()))) {
      throw new RejectedEventException("region and tariff must be codes like GB-LON");
    }
    DayAheadWindows windows =
        DayAheadWindows.of(
            prices.intervals().stream()
                .map(
                    i ->
                        new DayAheadWindows.Interval(i.start(), i.end(), new BigDecimal(i.price())))
                .toList(),
            settings.getDigestWindow());
    Map<String, String> data =
        Map.of(
            "day", prices.day().toString(),
            "cheapestWindow", window(windows.cheapest(), zone),
            "cheapestPrice", windows.cheapest().averagePrice().toPlainString(),
            "dearestWindow", window(windows.dearest(), zone),
            "dearestPrice", windows.dearest().averagePrice().toPlainString(),
            "unit", PriceUnit.perKwh(prices.currency()),
            "region", prices.region());
    String cause = "digest:" + prices.day();
    int batch = settings.getFanOutBatchSize();
    int notified =
        fanOut.forEachPage(
            batch,
            after ->
                rules.pageByRegion(
                    RuleKind.PRICE_DAY_AHEAD_DIGEST,
                    prices.region(),
                    prices.tariff(),
                    after,
                    batch),
            page ->
                (int)
                    dispatcher
                        .dispatch(
                            page.stream()
                                .map(
                                    rule ->
                                        PendingAlert.of(
                                            rule, cause, at, Templates.DAY_AHEAD_DIGEST, data))
                                .toList())
                        .stream()
                        .filter(o -> o.status() == AlertDispatcher.Status.NOTIFIED)
                        .count());
    LOG.info(
        "day-ahead digest {} for {}: {} notifications", prices.day(), prices.region(), notified);
    return notified;
  }

  /** {@code 01:00-03:00} in the market's zone (plain ASCII, which keeps an SMS in GSM-7). */
  static String window(DayAheadWindows.Window w, ZoneId zone) {
    return CLOCK.format(w.start().atZone(zone)) + "-" + CLOCK.format(w.end().atZone(zone));
  }
}
