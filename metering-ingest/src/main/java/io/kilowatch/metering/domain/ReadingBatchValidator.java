package io.kilowatch.metering.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a submitted batch of readings as a whole and names every field that breaks a rule, so that
 * a sender can fix all of them at once. Immutable and thread-safe.
 *
 * <p>Input is the batch as untyped JSON values (a {@link List} of {@link Map}s whose values are
 * {@link String}, {@link Number}, {@link Boolean}, {@code null}, {@link Map} or {@link List}), so
 * the rules can tell a number from a string that looks like one. Unknown fields are ignored.
 *
 * <p>A batch holds 1 to {@code maxBatchSize} readings. The rules for each reading:
 *
 * <ul>
 *   <li>{@code readingId}, {@code meterId}: strings, not blank, at most {@value
 *       Reading#MAX_ID_LENGTH} characters;
 *   <li>{@code timestamp}: an ISO-8601 instant with offset ({@code 2026-11-22T09:15:00Z}), not
 *       before {@link #EARLIEST}, at most microsecond precision, and not later than {@code now +
 *       maxClockSkew};
 *   <li>{@code energyWh}: a JSON number with a whole value from 0 to {@value Reading#MAX_ENERGY_WH}
 *       ({@code 12}, {@code 12.0} and {@code 1.2e1} are the same number; {@code 12.5}, {@code
 *       "12"}, {@code "NaN"} are rejected).
 * </ul>
 */
public final class ReadingBatchValidator {
  /** Earliest timestamp accepted; anything before is a sender's bug, not a reading. */
  public static final Instant EARLIEST = Instant.EPOCH;

  /** Path of the batch as a whole in {@link Violation#field()}. */
  public static final String BATCH = "$";

  private static final BigDecimal MAX_ENERGY = BigDecimal.valueOf(Reading.MAX_ENERGY_WH);
  private static final String INSTANT_EXAMPLE = "e.g. 2026-11-22T09:15:00Z";

  private final Duration maxClockSkew;
  private final int maxBatchSize;

  /**
   * @param maxClockSkew how far in the future (by the receiver's clock) a timestamp may be;
   *     senders' clocks are never exact
   * @param maxBatchSize most readings in one batch
   */
  public ReadingBatchValidator(Duration maxClockSkew, int maxBatchSize) {
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative");
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be positive");
    }
    this.maxClockSkew = maxClockSkew;
    this.maxBatchSize = maxBatchSize;
  }

  public int maxBatchSize() {
    return maxBatchSize;
  }

  /** The outcome: either every reading, in input order, or every violation. */
  public record Result(List<Reading> readings, List<Violation> violations) {
    public Result {
      readings = List.copyOf(readings);
      violations = List.copyOf(violations);
    }

    public boolean isValid() {
      return violations.isEmpty();
    }
  }

  /**
   * Validates a batch received at {@code now}.
   *
   * @param items the batch's items as untyped JSON values; the caller has checked it is a list
   * @param now the receiver's current time
   */
  public Result validate(List<?> items, Instant now) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(now, "now");
    List<Violation> violations = new ArrayList<>();
    List<Reading> readings = new ArrayList<>(items.size());
    if (items.isEmpty()) {
      return new Result(
          List.of(), List.of(new Violation(BATCH, "must contain at least one reading")));
    }
    if (items.size() > maxBatchSize) {
      return new Result(
          List.of(),
          List.of(new Violation(BATCH, "must contain at most " + maxBatchSize + " readings")));
    }
    Instant latest = now.plus(maxClockSkew);
    for (int i = 0; i < items.size(); i++) {
      String at = "[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        violations.add(
            new Violation(at, "must be an object with readingId, meterId, timestamp and energyWh"));
        continue;
      }
      int before = violations.size();
      String readingId = id(item, at, "readingId", violations);
      String meterId = id(item, at, "meterId", violations);
      Instant timestamp = timestamp(item, at, latest, violations);
      Long energyWh = energyWh(item, at, violations);
      if (violations.size() == before) {
        readings.add(new Reading(readingId, meterId, timestamp, energyWh));
      }
    }
    return violations.isEmpty()
        ? new Result(readings, List.of())
        : new Result(List.of(), violations);
  }

  private static String id(Map<?, ?> item, String at, String name, List<Violation> out) {
    Object value = item.get(name);
    String field = at + "." + name;
    if (value == null) {
      out.add(new Violation(field, "is required"));
    } else if (!(value instanceof String text)) {
      out.add(new Violation(field, "must be a string"));
    } else if (text.isBlank()) {
      out.add(new Violation(field, "must not be blank"));
    } else if (text.codePointCount(0, text.length()) > Reading.MAX_ID_LENGTH) {
      out.add(
          new Violation(field, "must be at most " + Reading.MAX_ID_LENGTH + " characters long"));
    } else {
      return text;
    }
    return null;
  }

  private Instant timestamp(Map<?, ?> item, String at, Instant latest, List<Violation> out) {
    Object value = item.get("timestamp");
    String field = at + ".timestamp";
    if (value == null) {
      out.add(new Violation(field, "is required"));
      return null;
    }
    if (!(value instanceof String text)) {
      out.add(new Violation(field, "must be an ISO-8601 instant string, " + INSTANT_EXAMPLE));
      return null;
    }
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeParseException e) {
      out.add(new Violation(field, "must be an ISO-8601 instant with offset, " + INSTANT_EXAMPLE));
      return null;
    }
    if (instant.getNano() % 1_000 != 0) {
      out.add(new Violation(field, "must not be more precise than microseconds"));
    } else if (instant.isBefore(EARLIEST)) {
      out.add(new Violation(field, "must not be before " + EARLIEST));
    } else if (instant.isAfter(latest)) {
      out.add(
          new Violation(
              field,
              "must not be more than "
                  + maxClockSkew
                  + " in the future (latest accepted now: "
                  + latest
                  + ")"));
    } else {
      return instant;
    }
    return null;
  }

  private static Long energyWh(Map<?, ?> item, String at, List<Violation> out) {
    Object value = item.get("energyWh");
    String field = at + ".energyWh";
    if (value == null) {
      out.add(new Violation(field, "is required"));
      return null;
    }
    BigDecimal number = value instanceof Number n ? decimal(n) : null;
    if (number == null) {
      out.add(new Violation(field, "must be a whole number of watt-hours (a JSON number)"));
    } else if (number.signum() < 0) {
      out.add(new Violation(field, "must not be negative"));
    } else if (number.compareTo(MAX_ENERGY) > 0) {
      out.add(new Violation(field, "must be at most " + Reading.MAX_ENERGY_WH));
    } else if (number.stripTrailingZeros().scale() > 0) {
      out.add(new Violation(field, "must be a whole number of watt-hours, not a fraction"));
    } else {
      return number.longValueExact();
    }
    return null;
  }

  /** The exact value of a JSON number, or null for a non-finite double. */
  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal d) {
      return d;
    }
    try {
      return new BigDecimal(n.toString());
    } catch (NumberFormatException notFinite) {
      return null;
    }
  }
}
