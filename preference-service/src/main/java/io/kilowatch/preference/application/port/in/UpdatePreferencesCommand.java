package io.kilowatch.preference.application.port.in;

import io.kilowatch.channel.Channel;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.preference.domain.Caps;
import io.kilowatch.preference.domain.Category;
import io.kilowatch.preference.domain.CategoryPreference;
import io.kilowatch.preference.domain.PreferenceDefaults;
import io.kilowatch.preference.domain.Preferences;
import io.kilowatch.preference.domain.QuietHours;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A customer's complete preferences as a {@code PUT} replaces them, well-formed by construction.
 * Whatever the body leaves out takes its default (see {@link PreferenceDefaults}): an absent field
 * means "the default", an explicit {@code null} means "none" where none makes sense (quiet hours,
 * caps).
 *
 * <pre>{@code
 * {"locale":"en-GB","timeZone":"Europe/London",
 *  "quietHours":{"start":"21:00","end":"08:00"},
 *  "categories":{"usage":{"channels":["sms","email"],"optOut":["push"],
 *                         "caps":{"perDay":{"sms":2},"perWeek":5}},
 *                "marketing":{"channels":[],"optOut":["sms","email"]}},
 *  "caps":{"perDay":{"sms":3,"email":10},"perWeek":10}}
 * }</pre>
 *
 * <p>Read-only fields of the {@code GET} answer ({@code customerId}, {@code customised}, {@code
 * updatedAt}, a category's {@code critical}) are accepted and ignored, so a client may send back
 * what it read; any other unknown field is an error.
 */
public record UpdatePreferencesCommand(
    Locale locale,
    ZoneId timeZone,
    QuietHours quietHours,
    Map<Category, CategoryPreference> categories,
    Caps caps) {
  private static final Set<String> FIELDS =
      Set.of(
          "locale",
          "timeZone",
          "quietHours",
          "categories",
          "caps", // what may be set
          "customerId",
          "customised",
          "updatedAt"); // read-only, ignored
  private static final Set<String> CATEGORY_FIELDS =
      Set.of("channels", "optOut", "caps", "critical");
  private static final Set<String> CAPS_FIELDS = Set.of("perDay", "perWeek");
  private static final Set<String> QUIET_FIELDS = Set.of("start", "end");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final Pattern HH_MM = Pattern.compile("[0-2][0-9]:[0-5][0-9]");

  public UpdatePreferencesCommand {
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(caps, "caps");
    EnumMap<Category, CategoryPreference> copy = new EnumMap<>(Category.class);
    copy.putAll(categories);
    categories = copy;
  }

  /** The customer's preferences as of {@code updatedAt}. */
  public Preferences toPreferences(String customerId, Instant updatedAt) {
    return new Preferences(customerId, locale, timeZone, quietHours, categories, caps, updatedAt);
  }

  /**
   * Reads a {@code PUT} body.
   *
   * @param defaults what applies to the parts the body leaves out
   * @throws InvalidInputException naming every invalid field by its JSON path
   */
  public static UpdatePreferencesCommand parse(
      Map<String, Object> body, PreferenceDefaults defaults) {
    BodyReader in = new BodyReader();
    Map<String, Object> doc = body == null ? Map.of() : body;
    in.onlyKnown(doc, "", FIELDS);

    Locale locale = defaults.locale();
    Optional<String> localeText = in.string(doc.get("locale"), "locale");
    if (localeText.isPresent()) {
      locale = LocaleInput.parse(localeText.get()).orElse(null);
      if (locale == null) {
        in.error("locale", "must be a BCP 47 language tag such as en-GB, cy-GB or es-419");
      }
    }

    ZoneId zone = defaults.timeZone();
    Optional<String> zoneText = in.string(doc.get("timeZone"), "timeZone");
    if (zoneText.isPresent()) {
      if (ZONES.contains(zoneText.get())) {
        zone = ZoneId.of(zoneText.get());
      } else {
        zone = null;
        in.error(
            "timeZone",
            "'" + zoneText.get() + "' is not an IANA time zone; use an id like Europe/London");
      }
    }

    QuietHours quietHours = quietHours(in, doc.get("quietHours"));

    Map<Category, CategoryPreference> categories = new EnumMap<>(PreferenceDefaults.categories());
    in.object(doc.get("categories"), "categories", "{\"usage\":{\"channels\":[\"sms\"]}}")
        .ifPresent(given -> categories.putAll(categories(in, given)));

    Caps caps = PreferenceDefaults.CAPS;
    if (doc.containsKey("caps")) {
      caps = caps(in, doc.get("caps"), "caps");
    }

    in.throwIfInvalid();
    return new UpdatePreferencesCommand(locale, zone, quietHours, categories, caps);
  }

  private static QuietHours quietHours(BodyReader in, Object value) {
    String path = "quietHours";
    Optional<Map<String, Object>> object =
        in.object(value, path, "{\"start\":\"21:00\",\"end\":\"08:00\"}, or null for none");
    if (object.isEmpty()) {
      return null;
    }
    in.onlyKnown(object.get(), path, QUIET_FIELDS);
    LocalTime start = time(in, object.get().get("start"), path + ".start");
    LocalTime end = time(in, object.get().get("end"), path + ".end");
    if (start != null && end != null && start.equals(end)) {
      in.error(path + ".end", "must differ from start");
      return null;
    }
    return start == null || end == null ? null : new QuietHours(start, end);
  }

  private static LocalTime time(BodyReader in, Object value, String path) {
    if (value == null) {
      in.error(path, "is required: a local time HH:mm, e.g. 21:00");
      return null;
    }
    Optional<String> text = in.string(value, path);
    if (text.isEmpty()) {
      return null;
    }
    if (HH_MM.matcher(text.get()).matches()) {
      try {
        return LocalTime.parse(text.get());
      } catch (DateTimeParseException e) {
        // falls through to the error below, e.g. 24:00
      }
    }
    in.error(path, "must be a local time HH:mm from 00:00 to 23:59, e.g. 21:00");
    return null;
  }

  private static Map<Category, CategoryPreference> categories(
      BodyReader in, Map<String, Object> given) {
    Map<Category, CategoryPreference> result = new EnumMap<>(Category.class);
    Map<Category, String> seen = new EnumMap<>(Category.class);
    for (Map.Entry<String, Object> e : given.entrySet()) {
      String path = BodyReader.child("categories", e.getKey());
      Optional<Category> category = Category.fromWire(e.getKey());
      if (category.isEmpty()) {
        in.error(path, "unknown category; one of " + String.join(", ", Category.wireNames()));
        continue;
      }
      String first = seen.putIfAbsent(category.get(), e.getKey());
      if (first != null) {
        in.error(path, "duplicates categories." + first);
        continue;
      }
      CategoryPreference preference = category(in, category.get(), e.getValue(), path);
      if (preference != null) {
        result.put(category.get(), preference);
      }
    }
    return result;
  }

  private static CategoryPreference category(
      BodyReader in, Category category, Object value, String path) {
    CategoryPreference defaults = PreferenceDefaults.category(category);
    Optional<Map<String, Object>> object =
        in.object(value, path, "{\"channels\":[\"sms\",\"email\"],\"optOut\":[\"push\"]}");
    if (object.isEmpty()) {
      return null; // null: the default; a wrong type is already an error
    }
    Map<String, Object> doc = object.get();
    in.onlyKnown(doc, path, CATEGORY_FIELDS);
    int errorsBefore = in.errorCount();

    List<Channel> channels = null;
    if (doc.get("channels") != null) {
      channels = channelList(in, doc.get("channels"), BodyReader.child(path, "channels"));
    }
    List<Channel> optOut =
        doc.get("optOut") == null
            ? List.of()
            : channelList(in, doc.get("optOut"), BodyReader.child(path, "optOut"));
    if (channels != null && optOut != null) {
      for (int i = 0; i < optOut.size(); i++) {
        if (optOut.get(i) != null && channels.contains(optOut.get(i))) {
          in.error(
              BodyReader.index(BodyReader.child(path, "optOut"), i),
              optOut.get(i).wireName()
                  + " is also in channels; a channel is either chosen or opted out");
        }
      }
    }
    Caps caps = defaults.caps();
    if (doc.containsKey("caps")) {
      caps = caps(in, doc.get("caps"), BodyReader.child(path, "caps"));
    }
    if (in.errorCount() > errorsBefore || optOut == null) {
      return null;
    }
    Set<Channel> optedOut = optOut.isEmpty() ? Set.of() : EnumSet.copyOf(optOut);
    if (channels == null) {
      // the default order, without what the customer opted out of
      return defaults.withOptedOut(optedOut).withCaps(caps);
    }
    return new CategoryPreference(channels, optedOut, caps);
  }

  /** The channels of a JSON array, no duplicates; null after an error. */
  private static List<Channel> channelList(BodyReader in, Object value, String path) {
    Optional<List<Object>> array = in.array(value, path);
    if (array.isEmpty()) {
      return null;
    }
    List<Channel> channels = new ArrayList<>();
    Map<Channel, Integer> seen = new LinkedHashMap<>();
    boolean valid = true;
    for (int i = 0; i < array.get().size(); i++) {
      String itemPath = BodyReader.index(path, i);
      Optional<Channel> channel = in.channel(array.get().get(i), itemPath);
      if (array.get().get(i) == null) {
        in.error(itemPath, "must be a channel: " + BodyReader.channelNames());
      }
      if (channel.isEmpty()) {
        valid = false;
        continue;
      }
      Integer first = seen.putIfAbsent(channel.get(), i);
      if (first != null) {
        in.error(itemPath, "duplicates " + BodyReader.index(path, first));
        valid = false;
        continue;
      }
      channels.add(channel.get());
    }
    return valid ? channels : null;
  }

  /** Caps from a JSON object; {@code null} means no caps. */
  private static Caps caps(BodyReader in, Object value, String path) {
    Optional<Map<String, Object>> object =
        in.object(value, path, "{\"perDay\":{\"sms\":3},\"perWeek\":10}, or null for none");
    if (object.isEmpty()) {
      return Caps.NONE;
    }
    in.onlyKnown(object.get(), path, CAPS_FIELDS);
    Map<Channel, Integer> perDay = new EnumMap<>(Channel.class);
    String dayPath = BodyReader.child(path, "perDay");
    in.object(object.get().get("perDay"), dayPath, "{\"sms\":3,\"email\":10}")
        .ifPresent(
            days ->
                days.forEach(
                    (key, max) -> {
                      String itemPath = BodyReader.child(dayPath, key);
                      Optional<Channel> channel = in.channel(key, itemPath);
                      Optional<Integer> limit = in.integer(max, itemPath, 0, Caps.MAX_PER_DAY);
                      if (max == null) {
                        in.error(itemPath, "must be from 0 to " + Caps.MAX_PER_DAY);
                      }
                      if (channel.isPresent() && limit.isPresent()) {
                        if (perDay.putIfAbsent(channel.get(), limit.get()) != null) {
                          in.error(itemPath, "names a channel twice");
                        }
                      }
                    }));
    Integer perWeek =
        in.integer(
                object.get().get("perWeek"),
                BodyReader.child(path, "perWeek"),
                0,
                Caps.MAX_PER_WEEK)
            .orElse(null);
    return in.hasErrors() ? Caps.NONE : new Caps(perDay, perWeek);
  }
}
