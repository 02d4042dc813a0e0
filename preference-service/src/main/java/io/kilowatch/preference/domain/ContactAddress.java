package io.kilowatch.preference.domain;

import io.kilowatch.channel.Channel;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validates and normalises contact addresses per channel. Stateless and thread-safe. */
public final class ContactAddress {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private ContactAddress() {}

  /**
   * Returns a normalised address, or empty when the address is not valid for the channel. Phone
   * numbers may contain spaces, dashes and parentheses, which are removed.
   */
  public static Optional<String> normalise(Channel channel, String address) {
    if (address == null || address.isBlank()) {
      return Optional.empty();
    }
    return switch (channel) {
      case SMS -> {
        String compact = address.replaceAll("[\\s\\-()]", "");
        yield E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
      }
      default -> Optional.empty();
    };
  }

  /** Why an address was refused, for the error message. */
  public static String requirement(Channel channel) {
    return switch (channel) {
      case SMS -> "must be a phone number in E.164 form, e.g. +447700900123";
      default -> "channel " + channel.wireName() + " is not supported yet";
    };
  }
}
