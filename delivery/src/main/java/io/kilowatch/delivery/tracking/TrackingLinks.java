package io.kilowatch.delivery.tracking;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.consent.ConsentGate;
import io.kilowatch.templates.RenderedMessage;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds open and click tracking to an email's HTML part: every {@code http(s)} link of an {@code <a
 * href>} points at the signed redirect {@code /api/v1/t/c/{token}} and, if configured, a 1×1 pixel
 * {@code /api/v1/t/o/{token}.gif} is added before {@code </body>}. Only when tracking is configured
 * and the customer consented to it (purpose {@code analytics}, consent-gdpr's {@code
 * decideTracking}); otherwise, and for the text part and other channels, the message is left as it
 * is. Thread-safe.
 */
@Singleton
public class TrackingLinks {
  /** Metadata flag on a tracked message. */
  public static final String TRACKED = "tracked";

  private static final Pattern HREF =
      Pattern.compile(
          "(<a\\b[^>]*?\\bhref\\s*=\\s*)([\"'])(https?://[^\"'<>\\s]+)\\2",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

  private final TrackingTokens tokens;
  private final TrackingSettings settings;
  private final ConsentGate consent;
  private final Clock clock;

  TrackingLinks(
      TrackingTokens tokens, TrackingSettings settings, ConsentGate consent, Clock clock) {
    this.tokens = tokens;
    this.settings = settings;
    this.consent = consent;
    this.clock = clock;
  }

  /** The message to send: tracked if it is an email and tracking is allowed, else unchanged. */
  public OutboundMessage apply(String customerId, OutboundMessage message) {
    String html = message.metadata().get(RenderedMessage.HTML);
    if (message.channel() != Channel.EMAIL
        || html == null
        || !tokens.enabled()
        || settings.getBaseUrl() == null
        || settings.getBaseUrl().isBlank()
        || !consent
            .decideTracking(customerId, Channel.EMAIL.wireName(), clock.instant())
            .allowed()) {
      return message;
    }
    Map<String, String> metadata = new LinkedHashMap<>(message.metadata());
    metadata.put(RenderedMessage.HTML, track(message.notificationId(), html));
    metadata.put(TRACKED, "true");
    return new OutboundMessage(
        message.notificationId(),
        message.channel(),
        message.recipient(),
        message.subject(),
        message.body(),
        metadata);
  }

  String track(String notificationId, String html) {
    String base = settings.getBaseUrl().replaceAll("/+$", "");
    Matcher links = HREF.matcher(html);
    StringBuilder out = new StringBuilder(html.length() + 256);
    int index = 0;
    while (links.find()) {
      String target = unescape(links.group(3));
      String tracked = base + "/api/v1/t/c/" + tokens.click(notificationId, index++, target);
      links.appendReplacement(
          out,
          Matcher.quoteReplacement(links.group(1) + links.group(2) + tracked + links.group(2)));
    }
    links.appendTail(out);
    if (!settings.isPixel()) {
      return out.toString();
    }
    String pixel =
        "<img src=\""
            + base
            + "/api/v1/t/o/"
            + tokens.open(notificationId)
            + ".gif\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
    Matcher end = BODY_END.matcher(out);
    if (end.find()) {
      out.insert(end.start(), pixel);
    } else {
      out.append(pixel);
    }
    return out.toString();
  }

  /** The URL as the browser reads it from the attribute (character references resolved). */
  static String unescape(String attribute) {
    if (attribute.indexOf('&') < 0) {
      return attribute;
    }
    Matcher m =
        Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);").matcher(attribute);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String ref = m.group(1);
      String value;
      if (ref.startsWith("#x")) {
        value = new String(Character.toChars(Integer.parseInt(ref.substring(2), 16)));
      } else if (ref.startsWith("#")) {
        value = new String(Character.toChars(Integer.parseInt(ref.substring(1))));
      } else {
        value =
            switch (ref) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              default -> "'";
            };
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
