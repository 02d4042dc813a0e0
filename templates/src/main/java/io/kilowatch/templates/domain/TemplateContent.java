package io.kilowatch.templates.domain;

import io.kilowatch.channel.Channel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The template source of every part of one channel, e.g. subject, HTML and text for email.
 *
 * @param channel the channel
 * @param parts source per part: exactly the channel's parts ({@link Part#of(Channel)})
 */
public record TemplateContent(Channel channel, Map<Part, String> parts) {
  public TemplateContent {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(parts, "parts");
    EnumMap<Part, String> copy = new EnumMap<>(Part.class);
    for (Part part : Part.of(channel)) {
      String source = parts.get(part);
      if (source == null) {
        throw new IllegalArgumentException(part.field() + " is required for " + channel.wireName());
      }
      copy.put(part, source);
    }
    if (copy.size() != parts.size()) {
      throw new IllegalArgumentException("parts of another channel than " + channel.wireName());
    }
    parts = Collections.unmodifiableMap(copy);
  }

  public String part(Part part) {
    return parts.get(part);
  }

  /** Part name → source, as the API and storage show them. */
  public Map<String, String> byWireName() {
    Map<String, String> named = new LinkedHashMap<>();
    parts.forEach((part, source) -> named.put(part.wireName(), source));
    return named;
  }

  /**
   * @throws IllegalArgumentException for a part name the channel does not have or a missing part
   */
  public static TemplateContent fromWireNames(Channel channel, Map<String, String> named) {
    EnumMap<Part, String> parts = new EnumMap<>(Part.class);
    named.forEach(
        (name, source) ->
            parts.put(
                Part.of(channel, name)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                channel.wireName() + " templates have no part '" + name + "'")),
                source));
    return new TemplateContent(channel, parts);
  }
}
