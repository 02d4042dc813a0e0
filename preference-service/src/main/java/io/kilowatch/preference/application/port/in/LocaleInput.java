package io.kilowatch.preference.application.port.in;

import java.util.Arrays;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a BCP 47 language tag such as {@code en-GB}, {@code cy-GB} or {@code es-419}. */
public final class LocaleInput {
  private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
  private static final Set<String> THREE_LETTER_LANGUAGES =
      Arrays.stream(Locale.getAvailableLocales())
          .map(Locale::getLanguage)
          .filter(l -> l.length() == 3)
          .collect(Collectors.toUnmodifiableSet());
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final int MAX_LENGTH = 35;

  private LocaleInput() {}

  /**
   * The locale of a well-formed tag whose language is an ISO 639 language and whose region, if any,
   * is an ISO 3166 country or a UN M.49 area; empty otherwise. {@link Locale#toLanguageTag()} gives
   * the canonical form ({@code en-gb} becomes {@code en-GB}).
   */
  public static Optional<Locale> parse(String tag) {
    if (tag == null || tag.isBlank() || tag.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Locale locale;
    try {
      locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
    } catch (IllformedLocaleException e) {
      return Optional.empty();
    }
    String language = locale.getLanguage();
    boolean knownLanguage =
        LANGUAGES.contains(language) || THREE_LETTER_LANGUAGES.contains(language);
    String region = locale.getCountry();
    boolean knownRegion =
        region.isEmpty() || COUNTRIES.contains(region) || region.matches("[0-9]{3}");
    return knownLanguage && knownRegion ? Optional.of(locale) : Optional.empty();
  }
}
