package io.kilowatch.platform.gdpr;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A person whose data is exported or erased: their customer id and every identifier any module
 * knows for them, gathered first from all {@link PersonalDataContributor}s, so that a module can
 * find rows keyed by a phone number or a meter id rather than by customer id.
 *
 * @param customerId the customer id
 * @param identifiers identifier kind ({@link #PHONE}, {@link #EMAIL}, {@link #PUSH_TOKEN}, {@link
 *     #METER}, ...) to the values known for the person
 */
public record DataSubject(String customerId, Map<String, Set<String>> identifiers) {
  public static final String PHONE = "phone";
  public static final String EMAIL = "email";
  public static final String PUSH_TOKEN = "push-token";
  public static final String WEBHOOK_URL = "webhook-url";
  public static final String METER = "meter";

  /**
   * Periods of meter ownership, each a {@link MeterPeriod} in its text form; given by the module
   * that owns meter assignments (billing) and used by the one that owns readings (metering).
   */
  public static final String METER_PERIOD = "meter-period";

  public DataSubject {
    Objects.requireNonNull(customerId, "customerId");
    identifiers = identifiers == null ? Map.of() : Map.copyOf(identifiers);
  }

  /** The person's periods of meter ownership ({@link #METER_PERIOD}); unreadable ones skipped. */
  public java.util.List<MeterPeriod> meterPeriods() {
    java.util.List<MeterPeriod> out = new java.util.ArrayList<>();
    for (String text : all(METER_PERIOD)) {
      try {
        out.add(MeterPeriod.parse(text));
      } catch (IllegalArgumentException e) {
        // another module's malformed value must not stop the request; the meter id still counts
      }
    }
    return out;
  }

  /** The values of one identifier kind; empty when none is known. */
  public Set<String> all(String kind) {
    return identifiers.getOrDefault(kind, Set.of());
  }
}
