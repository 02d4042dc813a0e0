package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts what a customer was sent in their local day and week and says which channels are still
 * open. Immutable and thread-safe.
 *
 * <p>Days run from local midnight to local midnight in the customer's zone, so a day may be 23 or
 * 25 hours long; weeks run from Monday 00:00 to the next Monday 00:00 local time. Two sets of caps
 * apply, both must allow a message: the customer's overall caps count every message, the category's
 * own caps count only messages recorded with that category. Every recorded message counts,
 * including critical ones that were let through over a cap.
 */
public final class FrequencyCap {
  private final Caps overall;
  private final Caps category;
  private final ZoneId zone;

  /**
   * @param overall the customer's overall caps
   * @param categoryCaps the category's own caps, or null for none
   * @param zone the customer's time zone
   */
  public FrequencyCap(Caps overall, Caps categoryCaps, ZoneId zone) {
    this.overall = Objects.requireNonNull(overall, "overall");
    this.category = categoryCaps == null ? Caps.NONE : categoryCaps;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * What the caps allow now.
   *
   * @param weekFull why no message may go out this week at all, or null when the week has room
   * @param fullChannels channels that reached their daily cap, with why
   */
  public record Verdict(String weekFull, Map<Channel, String> fullChannels) {
    public Verdict {
      fullChannels = Collections.unmodifiableMap(new EnumMap<>(fullChannels));
    }

    /** Whether a message may go out on the channel. */
    public boolean allows(Channel channel) {
      return weekFull == null && !fullChannels.containsKey(channel);
    }
  }

  /**
   * Applies the caps to a message of {@code messageCategory} at {@code now}.
   *
   * @param sent what the customer was sent; at least everything since {@link #weekStart}, older
   *     messages are ignored
   */
  public Verdict check(Category messageCategory, Collection<SentMessage> sent, Instant now) {
    Instant dayStart = dayStart(now, zone);
    Instant dayEnd = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    Instant weekStart = weekStart(now, zone);
    Instant weekEnd = weekStartOf(now.atZone(zone).toLocalDate().plusWeeks(1), zone);

    int week = 0;
    int categoryWeek = 0;
    Map<Channel, Integer> day = new EnumMap<>(Channel.class);
    Map<Channel, Integer> categoryDay = new EnumMap<>(Channel.class);
    for (SentMessage m : sent) {
      if (m.sentAt().isBefore(weekStart) || !m.sentAt().isBefore(weekEnd)) {
        continue;
      }
      boolean sameCategory = m.category() == messageCategory;
      week++;
      if (sameCategory) {
        categoryWeek++;
      }
      if (!m.sentAt().isBefore(dayStart) && m.sentAt().isBefore(dayEnd)) {
        day.merge(m.channel(), 1, Integer::sum);
        if (sameCategory) {
          categoryDay.merge(m.channel(), 1, Integer::sum);
        }
      }
    }

    String weekFull = null;
    if (overall.perWeek() != null && week >= overall.perWeek()) {
      weekFull = week + " of at most " + overall.perWeek() + " messages this week";
    } else if (category.perWeek() != null && categoryWeek >= category.perWeek()) {
      weekFull =
          categoryWeek
              + " of at most "
              + category.perWeek()
              + " "
              + messageCategory.wireName()
              + " messages this week";
    }
    Map<Channel, String> full = new EnumMap<>(Channel.class);
    for (Channel channel : Channel.values()) {
      Integer max = overall.perDay().get(channel);
      int count = day.getOrDefault(channel, 0);
      Integer categoryMax = category.perDay().get(channel);
      int categoryCount = categoryDay.getOrDefault(channel, 0);
      if (max != null && count >= max) {
        full.put(channel, count + " of at most " + max + " " + channel.wireName() + " today");
      } else if (categoryMax != null && categoryCount >= categoryMax) {
        full.put(
            channel,
            categoryCount
                + " of at most "
                + categoryMax
                + " "
                + messageCategory.wireName()
                + " "
                + channel.wireName()
                + " today");
      }
    }
    return new Verdict(weekFull, full);
  }

  /** Local midnight starting the customer's day that contains {@code now}. */
  public static Instant dayStart(Instant now, ZoneId zone) {
    return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
  }

  /** Monday 00:00 local time starting the customer's week that contains {@code now}. */
  public static Instant weekStart(Instant now, ZoneId zone) {
    return weekStartOf(now.atZone(zone).toLocalDate(), zone);
  }

  private static Instant weekStartOf(LocalDate date, ZoneId zone) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .atStartOfDay(zone)
        .toInstant();
  }
}
