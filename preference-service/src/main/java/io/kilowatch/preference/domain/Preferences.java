package io.kilowatch.preference.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A customer's complete, effective preferences: what they set, with defaults for what they did not
 * (see {@link PreferenceDefaults}). Immutable.
 *
 * @param customerId whose they are
 * @param locale language and region for messages, e.g. {@code en-GB}
 * @param timeZone the customer's zone; quiet hours and caps' days and weeks are local to it
 * @param quietHours the daily quiet window, or null for none
 * @param categories a preference for every category
 * @param caps the overall caps
 * @param updatedAt when the customer (or staff for them) last saved them; null for defaults
 */
public record Preferences(
    String customerId,
    Locale locale,
    ZoneId timeZone,
    QuietHours quietHours,
    Map<Category, CategoryPreference> categories,
    Caps caps,
    Instant updatedAt) {
  public Preferences {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(categories, "categories");
    Objects.requireNonNull(caps, "caps");
    EnumMap<Category, CategoryPreference> all = new EnumMap<>(Category.class);
    all.putAll(categories);
    for (Category c : Category.values()) {
      if (all.get(c) == null) {
        throw new IllegalArgumentException("no preference for category " + c.wireName());
      }
    }
    categories = Collections.unmodifiableMap(all);
  }

  public CategoryPreference category(Category category) {
    return categories.get(category);
  }

  /** Whether these are the defaults of a customer who has saved nothing. */
  public boolean isDefault() {
    return updatedAt == null;
  }
}
