package io.kilowatch.preference.application;

import io.kilowatch.preference.application.port.in.UpdatePreferencesCommand;
import io.kilowatch.preference.application.port.out.CustomerLocks;
import io.kilowatch.preference.application.port.out.PreferenceStore;
import io.kilowatch.preference.domain.PreferenceDefaults;
import io.kilowatch.preference.domain.Preferences;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and replaces customers' preferences. A customer who has saved nothing has the defaults
 * ({@link PreferenceDefaults}). Thread-safe.
 */
@Singleton
public class PreferenceService {
  private final PreferenceStore store;
  private final CustomerLocks locks;
  private final AuditTrail audit;
  private final PreferenceDefaults defaults;
  private final Clock clock;

  PreferenceService(
      PreferenceStore store,
      CustomerLocks locks,
      AuditTrail audit,
      PreferenceSettings settings,
      Clock clock) {
    this.store = store;
    this.locks = locks;
    this.audit = audit;
    this.defaults = settings.defaults();
    this.clock = clock;
  }

  /** What applies to parts of the preferences a customer leaves out. */
  public PreferenceDefaults defaults() {
    return defaults;
  }

  /** The customer's effective preferences; a staff read is audited. */
  @Transactional
  public Preferences get(Actor actor, String customerId) {
    Preferences preferences = effective(customerId);
    audit.read(
        actor,
        customerId,
        AuditActions.PREFERENCES_READ,
        null,
        preferences.isDefault() ? "read default preferences" : "read preferences");
    return preferences;
  }

  /** Replaces the customer's preferences; audited with the before and after images. */
  @Transactional
  public Preferences replace(Actor actor, String customerId, UpdatePreferencesCommand command) {
    locks.lock(customerId);
    Preferences before = effective(customerId);
    Preferences after = command.toPreferences(customerId, now());
    store.save(after, actor.id());
    Map<String, Object> beforeDoc = PreferencesDocument.of(before);
    Map<String, Object> afterDoc = PreferencesDocument.of(after);
    audit.changed(
        actor,
        customerId,
        AuditActions.PREFERENCES_UPDATE,
        null,
        beforeDoc,
        afterDoc,
        summary(beforeDoc, afterDoc));
    return after;
  }

  /** The customer's effective preferences, in the caller's transaction; no audit. */
  Preferences effective(String customerId) {
    return store.find(customerId).orElseGet(() -> defaults.of(customerId));
  }

  /** Which parts changed, e.g. "changed quietHours, categories.marketing". */
  static String summary(Map<String, Object> before, Map<String, Object> after) {
    List<String> changed = new ArrayList<>();
    for (String key : List.of("locale", "timeZone", "quietHours", "caps")) {
      if (!Objects.equals(before.get(key), after.get(key))) {
        changed.add(key);
      }
    }
    Map<?, ?> beforeCategories = (Map<?, ?>) before.get("categories");
    Map<?, ?> afterCategories = (Map<?, ?>) after.get("categories");
    for (Object category : afterCategories.keySet()) {
      if (!Objects.equals(beforeCategories.get(category), afterCategories.get(category))) {
        changed.add("categories." + category);
      }
    }
    return changed.isEmpty()
        ? "saved preferences, no change"
        : "changed " + String.join(", ", changed);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
