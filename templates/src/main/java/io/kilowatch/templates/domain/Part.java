package io.kilowatch.templates.domain;

import io.kilowatch.channel.Channel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The parts a template has on each channel, and how values are escaped in each. */
public enum Part {
  SMS_BODY(Channel.SMS, "body", Escaping.NONE),
  EMAIL_SUBJECT(Channel.EMAIL, "subject", Escaping.SINGLE_LINE),
  EMAIL_HTML(Channel.EMAIL, "html", Escaping.HTML),
  EMAIL_TEXT(Channel.EMAIL, "text", Escaping.NONE),
  PUSH_TITLE(Channel.PUSH, "title", Escaping.SINGLE_LINE),
  PUSH_BODY(Channel.PUSH, "body", Escaping.NONE),
  WEBHOOK_BODY(Channel.WEBHOOK, "body", Escaping.JSON_STRING);

  private final Channel channel;
  private final String wireName;
  private final Escaping escaping;

  Part(Channel channel, String wireName, Escaping escaping) {
    this.channel = channel;
    this.wireName = wireName;
    this.escaping = escaping;
  }

  public Channel channel() {
    return channel;
  }

  /** The part's name in the API and in storage: {@code body}, {@code subject}, {@code html}... */
  public String wireName() {
    return wireName;
  }

  public Escaping escaping() {
    return escaping;
  }

  /** The field path the API uses for this part, e.g. {@code parts.subject}. */
  public String field() {
    return "parts." + wireName;
  }

  /** The parts of a channel, all required, in the order they are shown. */
  public static List<Part> of(Channel channel) {
    return Arrays.stream(values()).filter(p -> p.channel == channel).toList();
  }

  public static Optional<Part> of(Channel channel, String wireName) {
    return of(channel).stream().filter(p -> p.wireName.equals(wireName)).findFirst();
  }
}
