package io.kilowatch.platform.gdpr;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How long one type of data is kept: an ISO-8601 period ({@code P6Y}, {@code P18M}, {@code P30D})
 * or duration ({@code PT12H}, {@code P2DT3H}), or {@code forever}. Calendar periods count in UTC.
 * Immutable.
 */
public final class RetentionPeriod {
  private static final RetentionPeriod FOREVER = new RetentionPeriod("forever", null, null);

  private final String text;
  private final Period period;
  private final Duration duration;

  private RetentionPeriod(String text, Period period, Duration duration) {
    this.text = text;
    this.period = period;
    this.duration = duration;
  }

  public static RetentionPeriod forever() {
    return FOREVER;
  }

  /**
   * Reads a configured value.
   *
   * @throws IllegalArgumentException for text that is neither an ISO-8601 period or duration nor
   *     {@code forever}, and for a zero or negative length
   */
  public static RetentionPeriod parse(String value) {
    Objects.requireNonNull(value, "value");
    String text = value.trim().toUpperCase(Locale.ROOT);
    if (text.equals("FOREVER")) {
      return FOREVER;
    }
    try {
      if (text.contains("T")) {
        Duration d = Duration.parse(text);
        if (d.isZero() || d.isNegative()) {
          throw new IllegalArgumentException("retention must be positive: " + value);
        }
        return new RetentionPeriod(text, null, d);
      }
      Period p = Period.parse(text);
      if (p.isZero()
          || p.isNegative()
          || p.getYears() < 0
          || p.getMonths() < 0
          || p.getDays() < 0) {
        throw new IllegalArgumentException("retention must be positive: " + value);
      }
      return new RetentionPeriod(text, p, null);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "retention '" + value + "' is not an ISO-8601 period like P6Y, P18M, PT12H or 'forever'",
          e);
    }
  }

  /** Rows older than the returned instant are expired at {@code now}; empty when kept forever. */
  public Optional<Instant> expiresBefore(Instant now) {
    if (period != null) {
      return Optional.of(now.atOffset(ZoneOffset.UTC).minus(period).toInstant());
    }
    if (duration != null) {
      return Optional.of(now.minus(duration));
    }
    return Optional.empty();
  }

  public boolean isForever() {
    return period == null && duration == null;
  }

  @Override
  public String toString() {
    return isForever() ? "forever" : text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetentionPeriod other && other.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
