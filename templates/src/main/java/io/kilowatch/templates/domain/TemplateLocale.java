package io.kilowatch.templates.domain;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A locale templates are written in: a BCP 47 tag of language, optional script, region and
 * variants, in canonical case ({@code en}, {@code en-GB}, {@code zh-Hant-TW}). Extensions and
 * private use subtags are not accepted.
 *
 * @param tag the canonical tag
 */
public record TemplateLocale(String tag) {
  public TemplateLocale {
    Objects.requireNonNull(tag, "tag");
  }

  /**
   * Parses a BCP 47 tag strictly.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static TemplateLocale of(String tag) {
    if (tag == null || tag.isBlank()) {
      throw new IllegalArgumentException("must be a BCP 47 language tag such as en or en-GB");
    }
    Locale locale;
    try {
      locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
    } catch (IllformedLocaleException e) {
      throw new IllegalArgumentException(
          "'" + tag + "' is not a BCP 47 language tag such as en or en-GB");
    }
    String language = locale.getLanguage();
    if (language.length() < 2 || language.length() > 3 || "und".equals(language)) {
      throw new IllegalArgumentException(
          "'" + tag + "' names no language (a two or three letter ISO 639 code first)");
    }
    if (!locale.getExtensionKeys().isEmpty()) {
      throw new IllegalArgumentException(
          "'" + tag + "' has extensions; use language, script, region and variants only");
    }
    return new TemplateLocale(locale.toLanguageTag());
  }

  /**
   * Parses what a caller sends as a recipient's locale, leniently: underscores are read as dashes
   * ({@code en_GB}); empty when there is no usable language in it.
   */
  public static Optional<TemplateLocale> lenient(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(of(tag.strip().replace('_', '-')));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The locales to try, best first (RFC 4647 lookup): this tag, then with its last subtag removed
   * until only the language is left, then {@code defaultLocale}. No duplicates.
   */
  public List<TemplateLocale> fallbackChain(TemplateLocale defaultLocale) {
    List<TemplateLocale> chain = new ArrayList<>();
    String candidate = tag;
    while (true) {
      chain.add(new TemplateLocale(candidate));
      int dash = candidate.lastIndexOf('-');
      if (dash < 0) {
        break;
      }
      candidate = candidate.substring(0, dash);
    }
    if (!chain.contains(defaultLocale)) {
      chain.add(defaultLocale);
    }
    return List.copyOf(chain);
  }

  @Override
  public String toString() {
    return tag;
  }
}
