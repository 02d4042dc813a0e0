package io.kilowatch.rules.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.rules.domain.BillingAlert;
import io.kilowatch.rules.domain.BillingPeriodUsageAbove;
import io.kilowatch.rules.domain.Channel;
import io.kilowatch.rules.domain.Cooldown;
import io.kilowatch.rules.domain.DayAheadDigest;
import io.kilowatch.rules.domain.Money;
import io.kilowatch.rules.domain.OutageAlert;
import io.kilowatch.rules.domain.PeriodCostAbove;
import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.PriceTiming;
import io.kilowatch.rules.domain.PriceTrigger;
import io.kilowatch.rules.domain.ProjectedBillAbove;
import io.kilowatch.rules.domain.Rule;
import io.kilowatch.rules.domain.RuleKind;
import io.kilowatch.rules.domain.UsageAboveBaseline;
import io.kilowatch.rules.domain.WeeklyUsageAbove;
import io.kilowatch.rules.domain.price.PriceMove;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Creating and changing rules of every kind: what is accepted, what is refused and why. */
class RuleServiceTest {
  static final String LON_FEED = "GB-LON||current";

  RulesEngineFixture engine = new RulesEngineFixture();

  @BeforeEach
  void meters() {
    engine.assign("C-1", "MTR-1", "GB-LON", "Europe/London");
    engine.assign("C-2", "MTR-2a", "GB-LON", "Europe/London");
    engine.assign("C-2", "MTR-2b", "GB-MAN", "Europe/London");
    engine.settings.setRegions(List.of("GB-EDI"));
  }

  @Test
  void everyKindIsCreatedWithItsCondition() {
    assertThat(create("kind", "weekly-usage-above", "thresholdKwh", "70").condition())
        .isEqualTo(new WeeklyUsageAbove(70_000));
    assertThat(create("kind", "billing-period-usage-above", "thresholdKwh", "300.5").condition())
        .isEqualTo(new BillingPeriodUsageAbove(300_500));
    assertThat(create("kind", "usage-above-baseline", "percent", "50").condition())
        .isEqualTo(new UsageAboveBaseline(50));
    assertThat(
            create("kind", "projected-bill-above", "amount", "120.50", "currency", "GBP")
                .condition())
        .isEqualTo(new ProjectedBillAbove(new Money(new BigDecimal("120.5"), "GBP")));
    assertThat(create("kind", "period-cost-above", "amount", "80", "currency", "GBP").condition())
        .isEqualTo(new PeriodCostAbove(new Money(new BigDecimal("80"), "GBP")));
    assertThat(
            create("kind", "price-threshold", "above", "30", "aboveReset", "25", "below", "-0.5")
                .condition())
        .isEqualTo(
            new PriceThreshold(
                "GB-LON",
                null,
                PriceTiming.CURRENT,
                new PriceTrigger(30_000_000, 25_000_000L),
                new PriceTrigger(-500_000, null)));
    assertThat(create("kind", "price-day-ahead-digest").condition())
        .isEqualTo(new DayAheadDigest("GB-LON", null));
    assertThat(create("kind", "outage").condition()).isEqualTo(new OutageAlert("GB-LON"));
    for (RuleKind kind :
        List.of(RuleKind.BILL_ISSUED, RuleKind.PAYMENT_DUE, RuleKind.PAYMENT_OVERDUE)) {
      assertThat(create("kind", kind.wireName()).condition()).isEqualTo(new BillingAlert(kind));
    }
  }

  @Test
  void channelsAndCooldownsAreTheCustomersChoiceWithDefaultsPerKind() {
    Rule chosen =
        create(
            "kind", "price-threshold", "above", "30", "channels", "sms,push", "cooldown", "PT6H");
    assertThat(chosen.channels()).containsExactly(Channel.SMS, Channel.PUSH);
    assertThat(chosen.cooldown()).isEqualTo(Cooldown.parse("PT6H"));

    Rule defaults = create("kind", "price-threshold", "above", "30", "channels", "preferences");
    assertThat(defaults.channels()).isEmpty();
    assertThat(defaults.cooldown()).isEqualTo(Cooldown.ONCE_PER_WINDOW);
    assertThat(create("kind", "projected-bill-above", "amount", "1", "currency", "GBP").cooldown())
        .isEqualTo(Cooldown.ONCE_PER_BILLING_PERIOD);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "negative usage threshold  | kind=weekly-usage-above;thresholdKwh=-5                | thresholdKwh",
        "zero usage threshold      | kind=billing-period-usage-above;thresholdKwh=0        | thresholdKwh",
        "percent out of range      | kind=usage-above-baseline;percent=5                   | percent",
        "percent not whole         | kind=usage-above-baseline;percent=12.5                | percent",
        "negative budget           | kind=projected-bill-above;amount=-10;currency=GBP     | amount",
        "zero cost threshold       | kind=period-cost-above;amount=0;currency=GBP          | amount",
        "budget in tenths of pence | kind=projected-bill-above;amount=10.001;currency=GBP  | amount",
        "unknown currency          | kind=projected-bill-above;amount=10;currency=XYZ      | currency",
        "budget without currency   | kind=projected-bill-above;amount=10                   | currency",
        "price without a side      | kind=price-threshold                                  | above",
        "above reset above         | kind=price-threshold;above=30;aboveReset=31           | aboveReset",
        "above reset equal         | kind=price-threshold;above=30;aboveReset=30           | aboveReset",
        "below reset below         | kind=price-threshold;below=0;belowReset=-1            | belowReset",
        "reset without its side    | kind=price-threshold;below=0;aboveReset=20            | aboveReset",
        "price of 7 decimals       | kind=price-threshold;above=1.0000001                  | above",
        "unknown timing            | kind=price-threshold;above=30;timing=later            | timing",
        "region that is no code    | kind=price-threshold;above=30;region=GB LON           | region",
        "unknown region            | kind=price-threshold;above=30;region=GB-XYZ           | region",
        "threshold on a price rule | kind=price-threshold;above=30;thresholdKwh=10         | thresholdKwh",
        "meter on a price rule     | kind=price-threshold;above=30;meterId=MTR-1           | meterId",
        "amount on a billing rule  | kind=bill-issued;amount=10                            | amount",
        "someone else's meter      | kind=outage;meterId=MTR-2a                            | meterId",
        "unknown channel           | kind=bill-issued;channels=sms,fax                     | channels",
        "channel twice             | kind=bill-issued;channels=sms,sms                     | channels",
        "unknown cooldown          | kind=bill-issued;cooldown=weekly                      | cooldown",
      })
  void invalidRulesAreRefusedNamingTheField(String name, String fields, String field) {
    assertThat(refused("C-1", fields.split("[;=]"))).contains(field);
    assertThat(engine.db.rules).isEmpty();
  }

  @Test
  void aRegionIsTakenFromTheCustomersMetersWhenTheyAreAllInOne() {
    assertThat(refused("C-2", "kind", "price-threshold", "above", "30")).containsExactly("region");
    Rule named = engine.create("C-2", "kind", "price-threshold", "above", "30", "region", "GB-MAN");
    assertThat(((PriceThreshold) named.condition()).region()).isEqualTo("GB-MAN");
    assertThat(refused("C-none", "kind", "outage")).containsExactly("region");
    Rule configured = engine.create("C-none", "kind", "price-day-ahead-digest", "region", "GB-EDI");
    assertThat(configured.condition()).isEqualTo(new DayAheadDigest("GB-EDI", null));
  }

  @Test
  void anOutageRuleOnAMeterWatchesThatMetersRegion() {
    Rule rule = engine.create("C-2", "kind", "outage", "meterId", "MTR-2b");
    assertThat(rule.condition()).isEqualTo(new OutageAlert("GB-MAN"));
    assertThat(refused("C-2", "kind", "outage", "meterId", "MTR-2b", "region", "GB-LON"))
        .containsExactly("region");
  }

  @Test
  void moreRulesThanTheLimitIsA422() {
    engine.settings.setMaxRulesPerCustomer(2);
    create("kind", "bill-issued");
    create("kind", "payment-due");
    assertThatThrownBy(() -> create("kind", "payment-overdue"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.status().getCode()).isEqualTo(422));
  }

  @Test
  void aChangeKeepsWhatItDoesNotName() {
    Rule rule = create("kind", "price-threshold", "above", "30", "aboveReset", "25");
    Rule moved = engine.change(rule, "above", "32");
    assertThat(((PriceThreshold) moved.condition()).above())
        .isEqualTo(new PriceTrigger(32_000_000, 25_000_000L));
    assertThat(moved.revision()).isEqualTo(rule.revision() + 1);

    Rule channels = engine.change(moved, "channels", "email");
    assertThat(channels.channels()).containsExactly(Channel.EMAIL);
    assertThat(channels.revision())
        .as("channels are not the index's business")
        .isEqualTo(moved.revision());
    assertThat(engine.change(channels, "channels", null).channels()).isEmpty();

    Rule plunge = engine.change(channels, "below", "0", "above", null);
    assertThat(((PriceThreshold) plunge.condition()).above()).isNull();
    assertThat(((PriceThreshold) plunge.condition()).below()).isEqualTo(new PriceTrigger(0, null));
  }

  @Test
  void aChangeMustLeaveAValidRule() {
    Rule rule = create("kind", "price-threshold", "above", "30", "aboveReset", "25");
    assertThat(changeRefused(rule, "above", "24")).containsExactly("aboveReset");
    assertThat(changeRefused(rule, "above", null)).containsExactly("above");
    assertThat(changeRefused(rule, "region", "GB-MAN")).containsExactly("region");
    assertThat(changeRefused(rule, "thresholdKwh", "3")).containsExactly("thresholdKwh");
    assertThat(changeRefused(rule)).containsExactly("body");
    Rule cost = create("kind", "projected-bill-above", "amount", "100", "currency", "GBP");
    assertThat(changeRefused(cost, "amount", "-1")).containsExactly("amount");
    assertThat(engine.change(cost, "amount", "90").condition())
        .isEqualTo(new ProjectedBillAbove(new Money(new BigDecimal("90"), "GBP")));
  }

  @Test
  void priceRulesAreMirroredIntoTheIndexAfterEachChange() {
    Rule rule = create("kind", "price-threshold", "above", "30");
    assertThat(fires(30_000_001)).isTrue();

    engine.change(rule, "active", "false");
    assertThat(fires(30_000_001)).isFalse();
    engine.change(rule, "active", "true");
    assertThat(fires(30_000_001)).isTrue();
    engine.change(rule, "above", "40");
    assertThat(fires(30_000_001)).isFalse();
    assertThat(fires(40_000_001)).isTrue();

    engine.rules.delete("C-1", rule.id());
    assertThat(fires(40_000_001)).isFalse();
    assertThat(engine.index.index().version(LON_FEED)).isEqualTo(engine.db.version(LON_FEED));
  }

  @Test
  void customersOnlyEverSeeTheirOwnRules() {
    Rule mine = create("kind", "bill-issued");
    assertThat(engine.rules.list("C-2")).isEmpty();
    assertThatThrownBy(() -> engine.rules.get("C-2", mine.id())).hasMessageContaining("not found");
    assertThatThrownBy(() -> engine.rules.delete("C-2", mine.id()))
        .hasMessageContaining("not found");
    assertThat(engine.rules.list("C-1")).containsExactly(mine);
  }

  private boolean fires(long to) {
    return engine.index.index().match(LON_FEED, PriceMove.ofLevels(0, to)).fire().size() > 0;
  }

  private Rule create(String... fields) {
    return engine.create("C-1", fields);
  }

  private List<String> refused(String customerId, String... fields) {
    try {
      engine.create(customerId, fields);
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected the rule to be refused");
  }

  private List<String> changeRefused(Rule rule, String... fields) {
    try {
      engine.change(rule, fields);
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected the change to be refused");
  }
}
