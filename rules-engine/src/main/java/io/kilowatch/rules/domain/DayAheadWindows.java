package io.kilowatch.rules.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Tomorrow's cheapest and dearest windows of a given length: runs of consecutive, gapless intervals
 * starting at an interval's start, as long as the shortest run reaching the length, by
 * time-weighted average price. Ties go to the earlier window. When no run reaches the length (too
 * few intervals), single intervals are compared instead. Exact: averages are compared as fractions
 * and only the result is rounded.
 *
 * @param cheapest the window with the lowest average price
 * @param dearest the window with the highest average price
 */
public record DayAheadWindows(Window cheapest, Window dearest) {
  /**
   * One window.
   *
   * @param start inclusive
   * @param end exclusive
   * @param averagePrice time-weighted, rounded half-even to the scale of the input prices
   */
  public record Window(Instant start, Instant end, BigDecimal averagePrice) {}

  /** One priced interval. */
  public record Interval(Instant start, Instant end, BigDecimal price) {
    public Interval {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(price, "price");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("interval end must be after start");
      }
    }
  }

  public static DayAheadWindows of(List<Interval> intervals, Duration length) {
    if (intervals.isEmpty()) {
      throw new IllegalArgumentException("no intervals");
    }
    int scale = intervals.stream().mapToInt(i -> Math.max(0, i.price().scale())).max().orElse(0);
    Candidate cheapest = null;
    Candidate dearest = null;
    for (boolean whole : new boolean[] {true, false}) {
      for (int i = 0; i < intervals.size(); i++) {
        Candidate c = whole ? run(intervals, i, length) : run(intervals, i, Duration.ZERO);
        if (c == null) {
          continue;
        }
        if (cheapest == null || c.compareTo(cheapest) < 0) {
          cheapest = c;
        }
        if (dearest == null || c.compareTo(dearest) > 0) {
          dearest = c;
        }
      }
      if (cheapest != null) {
        break;
      }
    }
    return new DayAheadWindows(cheapest.window(scale), dearest.window(scale));
  }

  /** The shortest gapless run from interval {@code i} lasting at least {@code length}, or null. */
  private static Candidate run(List<Interval> intervals, int i, Duration length) {
    BigDecimal weighted = BigDecimal.ZERO;
    long seconds = 0;
    Instant start = intervals.get(i).start();
    Instant end = start;
    for (int j = i; j < intervals.size(); j++) {
      Interval iv = intervals.get(j);
      if (!iv.start().equals(end)) {
        return null; // a gap: no window across it
      }
      long s = Duration.between(iv.start(), iv.end()).toSeconds();
      weighted = weighted.add(iv.price().multiply(BigDecimal.valueOf(s)));
      seconds += s;
      end = iv.end();
      if (seconds >= length.toSeconds()) {
        return new Candidate(start, end, weighted, seconds);
      }
    }
    return null;
  }

  /** A window's average as the exact fraction {@code weighted / seconds}. */
  private record Candidate(Instant start, Instant end, BigDecimal weighted, long seconds)
      implements Comparable<Candidate> {
    @Override
    public int compareTo(Candidate o) {
      return weighted
          .multiply(BigDecimal.valueOf(o.seconds))
          .compareTo(o.weighted.multiply(BigDecimal.valueOf(seconds)));
    }

    Window window(int scale) {
      return new Window(
          start, end, weighted.divide(BigDecimal.valueOf(seconds), scale, RoundingMode.HALF_EVEN));
    }
  }
}
