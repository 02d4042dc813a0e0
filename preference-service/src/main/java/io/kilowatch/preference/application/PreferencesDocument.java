package io.kilowatch.preference.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.preference.domain.Caps;
import io.kilowatch.preference.domain.Category;
import io.kilowatch.preference.domain.CategoryPreference;
import io.kilowatch.preference.domain.Preferences;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a customer's preferences, as the API answers and the audit log records them. The
 * same form goes back in a {@code PUT} unchanged.
 */
public final class PreferencesDocument {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private PreferencesDocument() {}

  public static Map<String, Object> of(Preferences p) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("customerId", p.customerId());
    doc.put("locale", p.locale().toLanguageTag());
    doc.put("timeZone", p.timeZone().getId());
    if (p.quietHours() == null) {
      doc.put("quietHours", null);
    } else {
      Map<String, Object> quiet = new LinkedHashMap<>();
      quiet.put("start", p.quietHours().start().format(HH_MM));
      quiet.put("end", p.quietHours().end().format(HH_MM));
      doc.put("quietHours", quiet);
    }
    Map<String, Object> categories = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      CategoryPreference cp = p.category(c);
      Map<String, Object> category = new LinkedHashMap<>();
      // the order of channels is the fallback order; opt-outs are a set, listed in a stable order
      category.put("channels", cp.channels().stream().map(Channel::wireName).toList());
      category.put("optOut", cp.optedOut().stream().sorted().map(Channel::wireName).toList());
      category.put("caps", cp.caps().isNone() ? null : caps(cp.caps()));
      category.put("critical", c.mayBeCritical());
      categories.put(c.wireName(), category);
    }
    doc.put("categories", categories);
    doc.put("caps", caps(p.caps()));
    doc.put("customised", !p.isDefault());
    doc.put("updatedAt", p.updatedAt() == null ? null : p.updatedAt().toString());
    return doc;
  }

  static Map<String, Object> caps(Caps caps) {
    Map<String, Object> perDay = new LinkedHashMap<>();
    caps.perDay().forEach((channel, max) -> perDay.put(channel.wireName(), max));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("perDay", perDay);
    doc.put("perWeek", caps.perWeek());
    return doc;
  }
}
