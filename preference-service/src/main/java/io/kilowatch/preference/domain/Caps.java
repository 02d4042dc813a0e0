package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Frequency caps: at most so many messages per channel per local day, and at most so many per local
 * week across channels. Immutable.
 *
 * @param perDay maximum messages per channel and local day; a channel without an entry is not
 *     capped per day
 * @param perWeek maximum messages per local week (Monday to Sunday) across all channels; null for
 *     no weekly cap
 */
public record Caps(Map<Channel, Integer> perDay, Integer perWeek) {
  public static final int MAX_PER_DAY = 1_000;
  public static final int MAX_PER_WEEK = 10_000;

  /** No caps at all. */
  public static final Caps NONE = new Caps(Map.of(), null);

  public Caps {
    EnumMap<Channel, Integer> copy = new EnumMap<>(Channel.class);
    if (perDay != null) {
      perDay.forEach(
          (channel, max) -> {
            if (channel == null || max == null || max < 0 || max > MAX_PER_DAY) {
              throw new IllegalArgumentException(
                  "per-day cap out of range: " + channel + "=" + max);
            }
            copy.put(channel, max);
          });
    }
    perDay = Collections.unmodifiableMap(copy);
    if (perWeek != null && (perWeek < 0 || perWeek > MAX_PER_WEEK)) {
      throw new IllegalArgumentException("weekly cap out of range: " + perWeek);
    }
  }

  public boolean isNone() {
    return perDay.isEmpty() && perWeek == null;
  }
}
