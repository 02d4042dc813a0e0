package io.kilowatch.templates.application.port.in;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Render a template version for a person to look at.
 *
 * @param key the template key
 * @param channel the channel
 * @param locale the locale asked for; null for the key's default locale
 * @param version an exact version (of exactly {@code locale}), or null for the published version
 *     found by locale fallback
 * @param data the variables; null to use the declared sample values
 */
public record PreviewCommand(
    TemplateKey key,
    Channel channel,
    TemplateLocale locale,
    Integer version,
    Map<String, String> data) {

  /**
   * @throws InvalidInputException 400 naming {@code key}, {@code channel}, {@code locale} or {@code
   *     version}
   */
  public static PreviewCommand parse(
      String key, String channel, String locale, Integer version, Map<String, String> data) {
    List<FieldError> errors = new ArrayList<>();
    TemplateKey k = TemplateCoordinates.parseKey(key, "key", errors);
    Channel c = TemplateCoordinates.parseChannel(channel, "channel", errors);
    TemplateLocale l =
        locale == null ? null : TemplateCoordinates.parseLocale(locale, "locale", errors);
    if (version != null && version < 1) {
      errors.add(new FieldError("version", "must be a positive version number"));
    }
    if (version != null && locale == null) {
      errors.add(new FieldError("locale", "is required with a version: versions are per locale"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new PreviewCommand(k, c, l, version, data == null ? null : Map.copyOf(data));
  }
}
