package io.kilowatch.metering.domain;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a set of newly stored readings adds to one meter's daily window. Immutable.
 *
 * @param meterId the meter
 * @param window the meter's daily window
 * @param energyWh energy the readings add, watt-hours
 * @param readingCount how many readings add it
 */
public record WindowIncrement(String meterId, DailyWindow window, long energyWh, int readingCount) {
  /** Sorted by meter, then window: the order windows are locked in, which avoids deadlocks. */
  public static final Comparator<WindowIncrement> ORDER =
      Comparator.comparing(WindowIncrement::meterId)
          .thenComparing(increment -> increment.window().start());

  public WindowIncrement {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(window, "window");
    if (energyWh < 0 || readingCount < 1) {
      throw new IllegalArgumentException("an increment adds at least one reading, energy >= 0");
    }
  }

  /**
   * Sums readings per meter and daily window of {@code zone}. Each reading must be counted once:
   * pass only readings that were newly stored.
   *
   * @return one increment per (meter, window) touched, in {@link #ORDER}
   */
  public static List<WindowIncrement> sum(Collection<Reading> readings, ZoneId zone) {
    Map<Key, long[]> sums = new LinkedHashMap<>();
    for (Reading reading : readings) {
      var key =
          new Key(reading.meterId(), DailyWindow.ofReadingEndingAt(reading.timestamp(), zone));
      long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
      sum[0] = Math.addExact(sum[0], reading.energyWh());
      sum[1]++;
    }
    List<WindowIncrement> increments = new ArrayList<>(sums.size());
    sums.forEach(
        (key, sum) ->
            increments.add(
                new WindowIncrement(key.meterId(), key.window(), sum[0], Math.toIntExact(sum[1]))));
    increments.sort(ORDER);
    return increments;
  }

  private record Key(String meterId, DailyWindow window) {}
}
