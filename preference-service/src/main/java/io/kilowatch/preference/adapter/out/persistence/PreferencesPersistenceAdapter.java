package io.kilowatch.preference.adapter.out.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.channel.Channel;
import io.kilowatch.preference.application.port.out.PreferenceStore;
import io.kilowatch.preference.domain.Caps;
import io.kilowatch.preference.domain.Category;
import io.kilowatch.preference.domain.CategoryPreference;
import io.kilowatch.preference.domain.PreferenceDefaults;
import io.kilowatch.preference.domain.Preferences;
import io.kilowatch.preference.domain.QuietHours;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved preferences in {@code preference.customer_preferences}. Categories and caps are JSONB in a
 * storage form of their own (channel and category names as the API writes them), independent of the
 * HTTP form. Reading is lenient: a category, channel or field this version does not know (written
 * by a newer one during a rolling upgrade) is skipped with a warning, a category missing from the
 * row gets its default. Thread-safe.
 */
@Singleton
class PreferencesPersistenceAdapter implements PreferenceStore {
  private static final Logger LOG = LoggerFactory.getLogger(PreferencesPersistenceAdapter.class);
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final PreferencesMapper mapper;
  private final ObjectMapper json;

  PreferencesPersistenceAdapter(PreferencesMapper mapper, ObjectMapper json) {
    this.mapper = mapper;
    // nulls carry meaning in these documents; the platform's mapper would leave them out
    this.json =
        json.copy()
            .setDefaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
  }

  @Override
  public Optional<Preferences> find(String customerId) {
    PreferencesRow row = mapper.find(customerId);
    if (row == null) {
      return Optional.empty();
    }
    QuietHours quiet =
        row.quietStart() == null ? null : new QuietHours(row.quietStart(), row.quietEnd());
    Map<Category, CategoryPreference> categories = new EnumMap<>(PreferenceDefaults.categories());
    read(row.categories())
        .forEach(
            (name, value) -> {
              Optional<Category> category = Category.fromWire(name);
              if (category.isEmpty()) {
                LOG.warn("customer {}: unknown category '{}' in storage skipped", customerId, name);
              } else {
                categories.put(category.get(), category(customerId, asMap(value)));
              }
            });
    return Optional.of(
        new Preferences(
            row.customerId(),
            Locale.forLanguageTag(row.locale()),
            ZoneId.of(row.timeZone()),
            quiet,
            categories,
            caps(customerId, read(row.caps())),
            row.updatedAt()));
  }

  @Override
  public void save(Preferences p, String updatedBy) {
    Map<String, Object> categories = new LinkedHashMap<>();
    p.categories()
        .forEach(
            (category, cp) -> {
              Map<String, Object> doc = new LinkedHashMap<>();
              doc.put("channels", cp.channels().stream().map(Channel::wireName).toList());
              doc.put("optOut", cp.optedOut().stream().sorted().map(Channel::wireName).toList());
              doc.put("caps", capsDoc(cp.caps()));
              categories.put(category.wireName(), doc);
            });
    mapper.upsert(
        new PreferencesRow(
            p.customerId(),
            p.locale().toLanguageTag(),
            p.timeZone().getId(),
            p.quietHours() == null ? null : p.quietHours().start(),
            p.quietHours() == null ? null : p.quietHours().end(),
            write(categories),
            write(capsDoc(p.caps())),
            p.updatedAt(),
            updatedBy));
  }

  private static Map<String, Object> capsDoc(Caps caps) {
    Map<String, Object> perDay = new LinkedHashMap<>();
    caps.perDay().forEach((channel, max) -> perDay.put(channel.wireName(), max));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("perDay", perDay);
    doc.put("perWeek", caps.perWeek());
    return doc;
  }

  private static CategoryPreference category(String customerId, Map<String, Object> doc) {
    List<Channel> channels = channels(customerId, doc.get("channels"));
    Set<Channel> optOut = EnumSet.noneOf(Channel.class);
    optOut.addAll(channels(customerId, doc.get("optOut")));
    channels.removeAll(optOut);
    return new CategoryPreference(channels, optOut, caps(customerId, asMap(doc.get("caps"))));
  }

  private static Caps caps(String customerId, Map<String, Object> doc) {
    Map<Channel, Integer> perDay = new EnumMap<>(Channel.class);
    asMap(doc.get("perDay"))
        .forEach(
            (name, max) ->
                channel(customerId, name).ifPresent(c -> perDay.put(c, ((Number) max).intValue())));
    Object perWeek = doc.get("perWeek");
    return new Caps(perDay, perWeek == null ? null : ((Number) perWeek).intValue());
  }

  private static List<Channel> channels(String customerId, Object value) {
    List<Channel> channels = new ArrayList<>();
    if (value instanceof List<?> names) {
      for (Object name : names) {
        channel(customerId, String.valueOf(name))
            .filter(c -> !channels.contains(c))
            .ifPresent(channels::add);
      }
    }
    return channels;
  }

  private static Optional<Channel> channel(String customerId, String name) {
    try {
      return Optional.of(Channel.valueOf(name.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      LOG.warn("customer {}: unknown channel '{}' in storage skipped", customerId, name);
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private Map<String, Object> read(String text) {
    try {
      return text == null ? Map.of() : json.readValue(text, OBJECT);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored preferences are not JSON", e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("preferences cannot be written as JSON", e);
    }
  }
}
