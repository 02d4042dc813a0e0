package io.kilowatch.templates.application.port.in;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which template: key, channel and locale, as the API names them.
 *
 * @param key the template key
 * @param channel the channel
 * @param locale the locale
 */
public record TemplateCoordinates(TemplateKey key, Channel channel, TemplateLocale locale) {

  /**
   * @throws InvalidInputException 400 naming {@code key}, {@code channel} and/or {@code locale}
   */
  public static TemplateCoordinates parse(String key, String channel, String locale) {
    List<FieldError> errors = new ArrayList<>();
    TemplateKey k = parseKey(key, "key", errors);
    Channel c = parseChannel(channel, "channel", errors);
    TemplateLocale l = parseLocale(locale, "locale", errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new TemplateCoordinates(k, c, l);
  }

  static TemplateKey parseKey(String key, String field, List<FieldError> errors) {
    if (key == null || key.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    try {
      return new TemplateKey(key);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, e.getMessage()));
      return null;
    }
  }

  static Channel parseChannel(String channel, String field, List<FieldError> errors) {
    if (channel != null) {
      for (Channel c : Channel.values()) {
        if (c.wireName().equals(channel.toLowerCase(Locale.ROOT))) {
          return c;
        }
      }
    }
    errors.add(new FieldError(field, "must be one of sms, email, push, webhook"));
    return null;
  }

  static TemplateLocale parseLocale(String locale, String field, List<FieldError> errors) {
    try {
      return TemplateLocale.of(locale);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, e.getMessage()));
      return null;
    }
  }
}
