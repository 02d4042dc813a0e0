package io.kilowatch.rules.application.port.in;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.rules.domain.BillingAlert;
import io.kilowatch.rules.domain.BillingPeriodUsageAbove;
import io.kilowatch.rules.domain.Channel;
import io.kilowatch.rules.domain.Cooldown;
import io.kilowatch.rules.domain.DailyUsageAbove;
import io.kilowatch.rules.domain.DayAheadDigest;
import io.kilowatch.rules.domain.Money;
import io.kilowatch.rules.domain.OutageAlert;
import io.kilowatch.rules.domain.PeriodCostAbove;
import io.kilowatch.rules.domain.PriceLevel;
import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.PriceTiming;
import io.kilowatch.rules.domain.PriceTrigger;
import io.kilowatch.rules.domain.ProjectedBillAbove;
import io.kilowatch.rules.domain.Regions;
import io.kilowatch.rules.domain.RuleCondition;
import io.kilowatch.rules.domain.RuleKind;
import io.kilowatch.rules.domain.UsageAboveBaseline;
import io.kilowatch.rules.domain.WeeklyUsageAbove;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A rule's fields parsed by their types (exact decimals, known names), before they are checked
 * against a kind: which fields a kind takes, which it needs, and how they combine. Immutable.
 */
public final class RuleParameters {
  public static final String THRESHOLD_KWH = "thresholdKwh";
  public static final String PERCENT = "percent";
  public static final String AMOUNT = "amount";
  public static final String CURRENCY = "currency";
  public static final String REGION = "region";
  public static final String TARIFF = "tariff";
  public static final String TIMING = "timing";
  public static final String ABOVE = "above";
  public static final String ABOVE_RESET = "aboveReset";
  public static final String BELOW = "below";
  public static final String BELOW_RESET = "belowReset";
  public static final String METER_ID = "meterId";
  public static final String CHANNELS = "channels";
  public static final String COOLDOWN = "cooldown";
  public static final String PREFERENCES = "preferences";

  private static final List<String> KIND_FIELDS =
      List.of(
          THRESHOLD_KWH,
          PERCENT,
          AMOUNT,
          CURRENCY,
          REGION,
          TARIFF,
          TIMING,
          ABOVE,
          ABOVE_RESET,
          BELOW,
          BELOW_RESET,
          METER_ID);
  private static final List<String> ALL_FIELDS = allFields();
  private static final Set<RuleKind> USAGE_THRESHOLD =
      EnumSet.of(
          RuleKind.DAILY_USAGE_ABOVE,
          RuleKind.WEEKLY_USAGE_ABOVE,
          RuleKind.BILLING_PERIOD_USAGE_ABOVE);
  private static final Map<RuleKind, Set<String>> ACCEPTS = accepts();

  /** Fields a change may clear by giving null. */
  private static final Set<String> CLEARABLE = Set.of(ABOVE, ABOVE_RESET, BELOW, BELOW_RESET);

  /** What a rule watches, fixed at creation: a different watch is a different rule. */
  private static final Set<String> FIXED = Set.of(REGION, TARIFF, TIMING, METER_ID);

  private final Set<String> present;
  private final Long thresholdWh;
  private final Integer percent;
  private final BigDecimal amount;
  private final String currency;
  private final String region;
  private final String tariff;
  private final PriceTiming timing;
  private final Long above;
  private final Long aboveReset;
  private final Long below;
  private final Long belowReset;
  private final String meterId;
  private final List<Channel> channels;
  private final Cooldown cooldown;

  private RuleParameters(Builder b) {
    present = Set.copyOf(b.present);
    thresholdWh = b.thresholdWh;
    percent = b.percent;
    amount = b.amount;
    currency = b.currency;
    region = b.region;
    tariff = b.tariff;
    timing = b.timing;
    above = b.above;
    aboveReset = b.aboveReset;
    below = b.below;
    belowReset = b.belowReset;
    meterId = b.meterId;
    channels = b.channels;
    cooldown = b.cooldown;
  }

  private static List<String> allFields() {
    List<String> all = new ArrayList<>(KIND_FIELDS);
    all.add(CHANNELS);
    all.add(COOLDOWN);
    return List.copyOf(all);
  }

  private static Map<RuleKind, Set<String>> accepts() {
    Map<RuleKind, Set<String>> m = new java.util.EnumMap<>(RuleKind.class);
    for (RuleKind k : RuleKind.values()) {
      m.put(
          k,
          switch (k) {
            case DAILY_USAGE_ABOVE, WEEKLY_USAGE_ABOVE, BILLING_PERIOD_USAGE_ABOVE ->
                Set.of(THRESHOLD_KWH, METER_ID);
            case USAGE_ABOVE_BASELINE -> Set.of(PERCENT, METER_ID);
            case PROJECTED_BILL_ABOVE, PERIOD_COST_ABOVE -> Set.of(AMOUNT, CURRENCY);
            case PRICE_THRESHOLD ->
                Set.of(REGION, TARIFF, TIMING, ABOVE, ABOVE_RESET, BELOW, BELOW_RESET);
            case PRICE_DAY_AHEAD_DIGEST -> Set.of(REGION, TARIFF);
            case OUTAGE -> Set.of(REGION, METER_ID);
            case BILL_ISSUED, PAYMENT_DUE, PAYMENT_OVERDUE -> Set.of();
          });
    }
    return m;
  }

  /**
   * Parses every field the input names, adding an error per invalid one.
   *
   * @param change true for a change: named nulls clear the clearable fields
   */
  static RuleParameters parse(RuleInput in, boolean change, List<FieldError> errors) {
    Builder b = new Builder();
    // a fixed order, so that errors come in the order of the API's documentation
    for (String field : ALL_FIELDS) {
      if (!in.present().contains(field)) {
        continue;
      }
      Object value = valueOf(in, field);
      if (value == null) {
        if (!change) {
          continue; // a new rule: null is the same as not given
        }
        if (CHANNELS.equals(field)) {
          b.present.add(field);
          b.channels = List.of(); // back to the customer's preferences
        } else if (CLEARABLE.contains(field)) {
          b.present.add(field);
        } else {
          errors.add(new FieldError(field, "must not be null"));
        }
        continue;
      }
      b.present.add(field);
      b.parse(field, in, errors);
    }
    return new RuleParameters(b);
  }

  private static Object valueOf(RuleInput in, String field) {
    return switch (field) {
      case THRESHOLD_KWH -> in.thresholdKwh();
      case PERCENT -> in.percent();
      case AMOUNT -> in.amount();
      case CURRENCY -> in.currency();
      case REGION -> in.region();
      case TARIFF -> in.tariff();
      case TIMING -> in.timing();
      case ABOVE -> in.above();
      case ABOVE_RESET -> in.aboveReset();
      case BELOW -> in.below();
      case BELOW_RESET -> in.belowReset();
      case METER_ID -> in.meterId();
      case CHANNELS -> in.channels();
      case COOLDOWN -> in.cooldown();
      default -> null; // kind, active and unknown fields are not parameters
    };
  }

  public boolean has(String field) {
    return present.contains(field);
  }

  /** True when the input names any field that changes a rule's condition. */
  boolean changesCondition() {
    return KIND_FIELDS.stream().anyMatch(present::contains);
  }

  public String meterId() {
    return meterId;
  }

  public String region() {
    return region;
  }

  /** The channels named; null when not named; empty for "use my preferences". */
  public List<Channel> channels() {
    return channels;
  }

  /** The cooldown named, or null. */
  public Cooldown cooldown() {
    return cooldown;
  }

  /** The cooldown a new rule of the kind gets when none is named. */
  public static Cooldown defaultCooldown(RuleKind kind) {
    return kind.category() == io.kilowatch.rules.domain.AlertCategory.COST
        ? Cooldown.ONCE_PER_BILLING_PERIOD
        : Cooldown.ONCE_PER_WINDOW;
  }

  /** Errors for the named fields the kind does not take, and for fields a change may not touch. */
  void checkAccepted(RuleKind kind, boolean change, List<FieldError> errors) {
    for (String field : KIND_FIELDS) {
      if (!present.contains(field)) {
        continue;
      }
      if (!ACCEPTS.get(kind).contains(field)) {
        errors.add(new FieldError(field, "does not apply to rules of kind " + kind.wireName()));
      } else if (change && FIXED.contains(field)) {
        errors.add(
            new FieldError(
                field, "cannot be changed; create a new rule and delete this one instead"));
      }
    }
  }

  /**
   * The condition of a new rule of {@code kind}.
   *
   * @param resolvedRegion the region to use when the kind needs one (may be null otherwise)
   */
  RuleCondition create(RuleKind kind, String resolvedRegion, List<FieldError> errors) {
    checkAccepted(kind, false, errors);
    if (USAGE_THRESHOLD.contains(kind)) {
      require(THRESHOLD_KWH, errors);
    } else if (kind == RuleKind.USAGE_ABOVE_BASELINE) {
      require(PERCENT, errors);
    } else if (kind == RuleKind.PROJECTED_BILL_ABOVE || kind == RuleKind.PERIOD_COST_ABOVE) {
      require(AMOUNT, errors);
      require(CURRENCY, errors);
    } else if (kind == RuleKind.PRICE_THRESHOLD
        && !present.contains(ABOVE)
        && !present.contains(BELOW)) {
      errors.add(new FieldError(ABOVE, "give above, below or both (minor unit per kWh)"));
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return build(kind, resolvedRegion, null, errors);
  }

  /** The rule's new condition, or null when the change names none of its fields. */
  RuleCondition change(RuleCondition existing, List<FieldError> errors) {
    checkAccepted(existing.kind(), true, errors);
    if (!errors.isEmpty() || !changesCondition()) {
      return null;
    }
    return build(existing.kind(), null, existing, errors);
  }

  private void require(String field, List<FieldError> errors) {
    if (!present.contains(field)) {
      errors.add(new FieldError(field, "is required for this kind of rule"));
    }
  }

  /**
   * Builds from the named fields, taking the others from {@code existing} (null for new). Called
   * only without earlier errors. Null when the kind needs a region and none is resolved yet (the
   * fields are still checked).
   */
  private RuleCondition build(
      RuleKind kind, String resolvedRegion, RuleCondition existing, List<FieldError> errors) {
    switch (kind) {
      case DAILY_USAGE_ABOVE:
        return new DailyUsageAbove(thresholdWh);
      case WEEKLY_USAGE_ABOVE:
        return new WeeklyUsageAbove(thresholdWh);
      case BILLING_PERIOD_USAGE_ABOVE:
        return new BillingPeriodUsageAbove(thresholdWh);
      case USAGE_ABOVE_BASELINE:
        return new UsageAboveBaseline(percent);
      case PROJECTED_BILL_ABOVE:
        {
          Money old = existing == null ? null : ((ProjectedBillAbove) existing).budget();
          Money budget = money(old, errors);
          return budget == null ? null : new ProjectedBillAbove(budget);
        }
      case PERIOD_COST_ABOVE:
        {
          Money old = existing == null ? null : ((PeriodCostAbove) existing).threshold();
          Money threshold = money(old, errors);
          return threshold == null ? null : new PeriodCostAbove(threshold);
        }
      case PRICE_THRESHOLD:
        return price((PriceThreshold) existing, resolvedRegion, errors);
      case PRICE_DAY_AHEAD_DIGEST:
        return resolvedRegion == null ? null : new DayAheadDigest(resolvedRegion, tariff);
      case OUTAGE:
        return resolvedRegion == null ? null : new OutageAlert(resolvedRegion);
      case BILL_ISSUED:
      case PAYMENT_DUE:
      case PAYMENT_OVERDUE:
        return new BillingAlert(kind);
      default:
        throw new IllegalStateException("unknown kind " + kind);
    }
  }

  private Money money(Money old, List<FieldError> errors) {
    BigDecimal value = present.contains(AMOUNT) ? amount : old.amount();
    String code = present.contains(CURRENCY) ? currency : old.currency();
    if (value == null || code == null) {
      return null; // already reported as invalid
    }
    try {
      return Money.positive(value, code);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(AMOUNT, e.getMessage()));
      return null;
    }
  }

  private PriceThreshold price(PriceThreshold old, String resolvedRegion, List<FieldError> errors) {
    PriceTrigger oldAbove = old == null ? null : old.above();
    PriceTrigger oldBelow = old == null ? null : old.below();
    PriceTrigger newAbove = trigger(ABOVE, ABOVE_RESET, above, aboveReset, oldAbove, true, errors);
    PriceTrigger newBelow = trigger(BELOW, BELOW_RESET, below, belowReset, oldBelow, false, errors);
    if (newAbove == null && newBelow == null && errors.isEmpty()) {
      errors.add(new FieldError(ABOVE, "a price rule needs above, below or both"));
    }
    if (!errors.isEmpty() || (old == null && resolvedRegion == null)) {
      return null;
    }
    return old == null
        ? new PriceThreshold(
            resolvedRegion,
            tariff,
            timing == null ? PriceTiming.CURRENT : timing,
            newAbove,
            newBelow)
        : new PriceThreshold(old.region(), old.tariff(), old.timing(), newAbove, newBelow);
  }

  /**
   * One side of a price rule: the named level and reset over the existing ones. Clearing the level
   * clears the side; a reset needs a level; a reset on the wrong side is refused.
   */
  private PriceTrigger trigger(
      String levelField,
      String resetField,
      Long level,
      Long reset,
      PriceTrigger old,
      boolean isAbove,
      List<FieldError> errors) {
    Long newLevel = present.contains(levelField) ? level : (old == null ? null : old.level());
    Long newReset = present.contains(resetField) ? reset : (old == null ? null : old.reset());
    if (newLevel == null) {
      if (present.contains(resetField) && reset != null) {
        errors.add(new FieldError(resetField, "needs " + levelField));
      }
      return null;
    }
    if (newReset != null) {
      if (isAbove && newReset >= newLevel) {
        errors.add(
            new FieldError(
                resetField,
                "must be below above ("
                    + PriceLevel.text(newLevel)
                    + "): the price must fall below it before the rule fires again"));
        return null;
      }
      if (!isAbove && newReset <= newLevel) {
        errors.add(
            new FieldError(
                resetField,
                "must be above below ("
                    + PriceLevel.text(newLevel)
                    + "): the price must rise above it before the rule fires again"));
        return null;
      }
    }
    return new PriceTrigger(newLevel, newReset);
  }

  private static final class Builder {
    final Set<String> present = new HashSet<>();
    Long thresholdWh;
    Integer percent;
    BigDecimal amount;
    String currency;
    String region;
    String tariff;
    PriceTiming timing;
    Long above;
    Long aboveReset;
    Long below;
    Long belowReset;
    String meterId;
    List<Channel> channels;
    Cooldown cooldown;

    void parse(String field, RuleInput in, List<FieldError> errors) {
      switch (field) {
        case THRESHOLD_KWH:
          {
            OptionalLong wh = ThresholdInput.parseWh(in.thresholdKwh(), errors);
            thresholdWh = wh.isPresent() ? wh.getAsLong() : null;
            break;
          }
        case PERCENT:
          percent = percent(in.percent(), errors);
          break;
        case AMOUNT:
          amount = positiveAmount(in.amount(), errors);
          break;
        case CURRENCY:
          try {
            Money.currency(in.currency());
            currency = in.currency();
          } catch (IllegalArgumentException e) {
            errors.add(new FieldError(CURRENCY, e.getMessage()));
          }
          break;
        case REGION:
          region = name(REGION, in.region(), errors);
          break;
        case TARIFF:
          tariff = name(TARIFF, in.tariff(), errors);
          break;
        case TIMING:
          timing = PriceTiming.fromWire(in.timing()).orElse(null);
          if (timing == null) {
            errors.add(new FieldError(TIMING, "must be current or upcoming"));
          }
          break;
        case ABOVE:
          above = level(ABOVE, in.above(), errors);
          break;
        case ABOVE_RESET:
          aboveReset = level(ABOVE_RESET, in.aboveReset(), errors);
          break;
        case BELOW:
          below = level(BELOW, in.below(), errors);
          break;
        case BELOW_RESET:
          belowReset = level(BELOW_RESET, in.belowReset(), errors);
          break;
        case METER_ID:
          if (in.meterId().isBlank()) {
            errors.add(
                new FieldError(METER_ID, "must not be blank; leave it out for all your meters"));
          } else {
            meterId = in.meterId();
          }
          break;
        case CHANNELS:
          channels = channels(in.channels(), errors);
          break;
        case COOLDOWN:
          try {
            cooldown = Cooldown.parse(in.cooldown());
          } catch (IllegalArgumentException e) {
            errors.add(new FieldError(COOLDOWN, e.getMessage()));
          }
          break;
        default:
          throw new IllegalArgumentException(field);
      }
    }

    private static BigDecimal decimal(String field, String text, List<FieldError> errors) {
      if (text == null || text.isBlank()) {
        errors.add(new FieldError(field, "is required"));
        return null;
      }
      try {
        return new BigDecimal(text.strip());
      } catch (NumberFormatException e) {
        errors.add(new FieldError(field, "must be a decimal number, like \"30\" or \"-2.5\""));
        return null;
      }
    }

    private static Integer percent(String text, List<FieldError> errors) {
      BigDecimal value = decimal(PERCENT, text, errors);
      if (value == null) {
        return null;
      }
      BigDecimal whole = value.stripTrailingZeros();
      if (whole.scale() > 0
          || whole.compareTo(BigDecimal.valueOf(UsageAboveBaseline.MIN_PERCENT)) < 0
          || whole.compareTo(BigDecimal.valueOf(UsageAboveBaseline.MAX_PERCENT)) > 0) {
        errors.add(
            new FieldError(
                PERCENT,
                "must be a whole number from "
                    + UsageAboveBaseline.MIN_PERCENT
                    + " to "
                    + UsageAboveBaseline.MAX_PERCENT));
        return null;
      }
      return whole.intValueExact();
    }

    private static BigDecimal positiveAmount(String text, List<FieldError> errors) {
      BigDecimal value = decimal(AMOUNT, text, errors);
      if (value == null) {
        return null;
      }
      if (value.signum() <= 0) {
        errors.add(new FieldError(AMOUNT, "must be greater than 0"));
        return null;
      }
      if (value.compareTo(Money.MAX) > 0) {
        errors.add(new FieldError(AMOUNT, "must be at most " + Money.MAX.toPlainString()));
        return null;
      }
      return value;
    }

    private static Long level(String field, String text, List<FieldError> errors) {
      BigDecimal value = decimal(field, text, errors);
      if (value == null) {
        return null;
      }
      try {
        return PriceLevel.of(value);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(field, e.getMessage()));
        return null;
      }
    }

    private static String name(String field, String text, List<FieldError> errors) {
      if (!Regions.isName(text)) {
        errors.add(
            new FieldError(
                field, "must be a code of letters, digits, '-', '_' or '.', like GB-LON"));
        return null;
      }
      return text;
    }

    private static List<Channel> channels(List<String> names, List<FieldError> errors) {
      if (names == null || names.equals(List.of(PREFERENCES))) {
        return List.of();
      }
      List<Channel> chosen = new ArrayList<>();
      for (String name : names) {
        var channel = Channel.fromWire(name);
        if (channel.isEmpty()) {
          errors.add(
              new FieldError(
                  CHANNELS,
                  "must be \"preferences\" or a list of sms, email, push, webhook; got \""
                      + name
                      + "\""));
          return null;
        }
        if (chosen.contains(channel.get())) {
          errors.add(new FieldError(CHANNELS, "names " + name + " twice"));
          return null;
        }
        chosen.add(channel.get());
      }
      if (chosen.isEmpty()) {
        errors.add(
            new FieldError(CHANNELS, "give at least one channel, or \"preferences\" for yours"));
        return null;
      }
      return List.copyOf(chosen);
    }
  }
}
