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

  public DataSubject {
    Objects.requireNonNull(customerId, "customerId");
    identifiers = identifiers == null ? Map.of() : Map.copyOf(identifiers);
  }

  /** The values of one identifier kind; empty when none is known. */
  public Set<String> all(String kind) {
    return identifiers.getOrDefault(kind, Set.of());
  }
}
