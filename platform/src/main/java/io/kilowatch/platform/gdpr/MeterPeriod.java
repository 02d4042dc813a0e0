package io.kilowatch.platform.gdpr;

import java.time.Instant;
import java.util.Objects;

/**
 * A period during which a person owned a meter: readings of the meter in {@code (from, to]} are
 * theirs. Travels between modules as a {@link DataSubject#METER_PERIOD} identifier in the text form
 * {@code <meter>|<from>|<to or empty>} (instants ISO-8601 UTC), so that the module that owns
 * readings (metering) can select the person's part of a meter's history without knowing customers.
 *
 * @param meterId the meter
 * @param from start of ownership
 * @param to end of ownership; null while the person still owns the meter
 */
public record MeterPeriod(String meterId, Instant from, Instant to) {
  public MeterPeriod {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(from, "from");
    if (meterId.contains("|")) {
      throw new IllegalArgumentException("meter id contains '|': " + meterId);
    }
  }

  /** The identifier text. */
  public String encode() {
    return meterId + "|" + from + "|" + (to == null ? "" : to.toString());
  }

  /**
   * Reads the identifier text.
   *
   * @throws IllegalArgumentException when the text is not in the form {@link #encode()} writes
   */
  public static MeterPeriod parse(String text) {
    String[] parts = text.split("\\|", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a meter period: " + text);
    }
    try {
      return new MeterPeriod(
          parts[0], Instant.parse(parts[1]), parts[2].isEmpty() ? null : Instant.parse(parts[2]));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("not a meter period: " + text, e);
    }
  }

  /** True when a reading of this meter with the given interval end belongs to the period. */
  public boolean covers(Instant readingTime) {
    return readingTime.isAfter(from) && (to == null || !readingTime.isAfter(to));
  }
}
