package io.kilowatch.templates;

import io.kilowatch.channel.Channel;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a notification from its template: the published version of the template key on the
 * channel, in the best locale available. Implementations are thread-safe and serve published
 * versions from memory; a publish is visible to every instance at once (and at the latest after
 * {@code kilowatch.templates.cache-ttl}).
 *
 * <p>Locale fallback (RFC 4647 lookup): {@code de-AT} → {@code de} → the key's default locale.
 * {@code null}, blank or malformed locales go straight to the default locale.
 *
 * <p>All methods throw {@link TemplateRenderException} subclasses for failures that a retry cannot
 * fix: {@link TemplateNotFoundException} (unknown key, no published version on the channel, unknown
 * version) and {@link MissingTemplateVariableException} (a variable the template needs has no value
 * in {@code data}, or only a blank one). Callers should dead-letter, not retry.
 */
public interface TemplateRenderer {

  /**
   * Renders the published version of {@code templateKey} on {@code channel}.
   *
   * @param templateKey e.g. {@code usage.daily-threshold-crossed}, the {@code templateKey} of
   *     {@code NotificationRequested}
   * @param channel the channel the message goes out on
   * @param locale BCP 47 tag of the recipient's language, e.g. {@code en-GB}; may be null
   * @param data the variables; values are already formatted text. Keys the template does not use
   *     are ignored. Must not be null.
   * @throws TemplateNotFoundException when no published version exists for the key and channel
   * @throws MissingTemplateVariableException naming every variable without a value
   */
  RenderedMessage render(
      String templateKey, Channel channel, String locale, Map<String, String> data);

  /** As {@link #render(String, Channel, String, Map)}, with a {@link Locale}; null allowed. */
  default RenderedMessage render(
      String templateKey, Channel channel, Locale locale, Map<String, String> data) {
    return render(templateKey, channel, locale == null ? null : locale.toLanguageTag(), data);
  }

  /**
   * Renders one exact version, whatever its status (draft, published or retired), e.g. to show a
   * message again as it was sent. No locale fallback: {@code locale} is the version's own locale
   * (as in {@link RenderedMessage#locale()}).
   *
   * @throws TemplateNotFoundException when that version does not exist
   * @throws MissingTemplateVariableException naming every variable without a value
   */
  RenderedMessage renderVersion(
      String templateKey, Channel channel, String locale, int version, Map<String, String> data);
}
