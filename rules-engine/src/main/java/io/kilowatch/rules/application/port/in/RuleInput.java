package io.kilowatch.rules.application.port.in;

import java.util.List;
import java.util.Set;

/**
 * A rule as the API received it: every field as text (numbers keep their exact text), and which
 * fields the request named at all. For a change ({@code PATCH}) a named field with a null value
 * clears it where that is allowed; for a new rule a null value counts as not given.
 *
 * @param present the names of the fields the request contained, null values included
 */
public record RuleInput(
    String kind,
    String thresholdKwh,
    String percent,
    String amount,
    String currency,
    String region,
    String tariff,
    String timing,
    String above,
    String aboveReset,
    String below,
    String belowReset,
    String meterId,
    List<String> channels,
    String cooldown,
    Boolean active,
    Set<String> present) {
  public RuleInput {
    present = Set.copyOf(present);
    channels = channels == null ? null : List.copyOf(channels);
  }

  /** Input of a daily-usage rule as the first API version took it. */
  public static RuleInput dailyUsage(String kind, String thresholdKwh, String meterId) {
    java.util.Set<String> named = new java.util.HashSet<>();
    if (kind != null) {
      named.add("kind");
    }
    if (thresholdKwh != null) {
      named.add(RuleParameters.THRESHOLD_KWH);
    }
    if (meterId != null) {
      named.add(RuleParameters.METER_ID);
    }
    return new RuleInput(
        kind,
        thresholdKwh,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        meterId,
        null,
        null,
        null,
        named);
  }
}
