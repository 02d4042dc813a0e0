package io.kilowatch.platform.gdpr;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Retention periods per data type from {@code kilowatch.retention.<data-type>}, with defaults for
 * the known types. Read once at start-up; an invalid value stops the start with a message naming
 * the key. Thread-safe.
 */
@Singleton
public class ConfiguredRetentionPolicy implements RetentionPolicy {
  /** Defaults for the data types Kilowatch knows; any of them may be configured differently. */
  public static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(READINGS, "P2Y");
    d.put(DELIVERY_RECORDS, "P1Y");
    d.put(AUDIT_LOG, "P6Y");
    d.put(CONSENT_EVENTS, "P6Y");
    d.put(ERASURE_RECEIPTS, "forever");
    DEFAULTS = Collections.unmodifiableMap(d);
  }

  private final Map<String, RetentionPeriod> periods;

  public ConfiguredRetentionPolicy(Environment environment) {
    Map<String, String> configured = new TreeMap<>(DEFAULTS);
    Map<String, Object> raw =
        environment.getProperties("kilowatch.retention", StringConvention.RAW);
    raw.forEach(
        (key, value) -> {
          if (value instanceof CharSequence text) {
            configured.put(key, text.toString());
          }
        });
    // the known types also by exact key, which covers every way Micronaut spells them
    for (String type : DEFAULTS.keySet()) {
      environment
          .getProperty("kilowatch.retention." + type, String.class)
          .ifPresent(v -> configured.put(type, v));
    }
    Map<String, RetentionPeriod> parsed = new TreeMap<>();
    configured.forEach(
        (type, value) -> {
          try {
            parsed.put(type, RetentionPeriod.parse(value));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "kilowatch.retention." + type + ": " + e.getMessage(), e);
          }
        });
    this.periods = Collections.unmodifiableMap(parsed);
  }

  @Override
  public Optional<Instant> expiresBefore(String dataType, Instant now) {
    RetentionPeriod period = periods.get(dataType);
    if (period == null) {
      throw new IllegalArgumentException(
          "no retention period for data type '"
              + dataType
              + "'; set kilowatch.retention."
              + dataType);
    }
    return period.expiresBefore(now);
  }

  @Override
  public Map<String, String> periods() {
    Map<String, String> out = new TreeMap<>();
    periods.forEach((type, period) -> out.put(type, period.toString()));
    return Collections.unmodifiableMap(out);
  }
}
