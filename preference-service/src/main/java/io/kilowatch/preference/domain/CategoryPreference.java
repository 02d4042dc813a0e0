package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a customer wants messages of one category. Immutable.
 *
 * @param channels channels to use, in order: the first with a verified contact point (and room in
 *     its caps) is used, the next ones are the fallback; no duplicates; may be empty
 * @param optedOut channels the customer never wants for this category, not even for critical
 *     messages; disjoint from {@code channels}
 * @param caps the category's own caps (counting only its messages), on top of the overall caps;
 *     {@link Caps#NONE} for none
 */
public record CategoryPreference(List<Channel> channels, Set<Channel> optedOut, Caps caps) {
  public CategoryPreference {
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(optedOut, "optedOut");
    channels = List.copyOf(channels);
    if (new LinkedHashSet<>(channels).size() != channels.size()) {
      throw new IllegalArgumentException("channels must not repeat: " + channels);
    }
    optedOut =
        optedOut.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(optedOut));
    for (Channel c : channels) {
      if (optedOut.contains(c)) {
        throw new IllegalArgumentException(c + " is both chosen and opted out");
      }
    }
    caps = caps == null ? Caps.NONE : caps;
  }

  /** Channels in order, without opted-out ones. */
  public static CategoryPreference of(Channel... channels) {
    return new CategoryPreference(List.of(channels), Set.of(), Caps.NONE);
  }

  public CategoryPreference withOptedOut(Set<Channel> channelsOptedOut) {
    return new CategoryPreference(
        channels.stream().filter(c -> !channelsOptedOut.contains(c)).toList(),
        channelsOptedOut,
        caps);
  }

  public CategoryPreference withCaps(Caps value) {
    return new CategoryPreference(channels, optedOut, value);
  }
}
