package io.kilowatch.preference.application.port.out;

import io.kilowatch.preference.domain.Preferences;
import java.util.Optional;

/** Persistence port for customers' saved preferences. */
public interface PreferenceStore {
  /** What the customer saved; empty when they have saved nothing (defaults apply). */
  Optional<Preferences> find(String customerId);

  /** Saves (inserts or replaces) the customer's preferences. */
  void save(Preferences preferences, String updatedBy);
}
