package io.kilowatch.templates;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message rendered from one template version, with the escaping of its channel applied.
 *
 * @param templateKey the template key
 * @param channel the channel it was rendered for
 * @param locale the locale of the version used (after fallback), e.g. {@code de}
 * @param version the version number used; store it with the message for audit
 * @param subject email subject or push title (one line, control characters replaced by spaces);
 *     null for SMS and webhook
 * @param text SMS text, email plain-text part, push body, or the webhook's JSON document
 * @param html email HTML part (variables HTML-escaped); null for other channels
 * @param sms segment count of {@code text}; null for other channels
 */
public record RenderedMessage(
    String templateKey,
    Channel channel,
    String locale,
    int version,
    String subject,
    String text,
    String html,
    SmsSegments sms) {

  /** Metadata key of the HTML body in {@link OutboundMessage#metadata()}. */
  public static final String HTML = "html";

  public static final String TEMPLATE_KEY = "templateKey";
  public static final String TEMPLATE_VERSION = "templateVersion";
  public static final String TEMPLATE_LOCALE = "templateLocale";

  public RenderedMessage {
    Objects.requireNonNull(templateKey, "templateKey");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(text, "text");
  }

  /**
   * The message for a channel adapter: {@code subject} and {@code text} as subject and body; the
   * HTML body (email) and the template's key, version and locale in the metadata.
   */
  public OutboundMessage toOutboundMessage(String notificationId, String recipient) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (html != null) {
      metadata.put(HTML, html);
    }
    metadata.put(TEMPLATE_KEY, templateKey);
    metadata.put(TEMPLATE_VERSION, Integer.toString(version));
    metadata.put(TEMPLATE_LOCALE, locale);
    return new OutboundMessage(notificationId, channel, recipient, subject, text, metadata);
  }
}
