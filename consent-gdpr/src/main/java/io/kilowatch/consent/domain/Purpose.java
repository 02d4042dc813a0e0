package io.kilowatch.consent.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why Kilowatch contacts a person; consent is recorded per purpose (and optionally per channel).
 */
public enum Purpose {
  /**
   * Alerts the customer set up themselves, bills, outages. Covered by the customer's own action
   * (contract) or legitimate interest: allowed until withdrawn.
   */
  SERVICE(false),
  /** Offers and campaigns: needs an explicit opt-in (consent), refused until granted. */
  MARKETING(true),
  /** Open and click tracking in messages (ePrivacy/PECR): needs an explicit opt-in. */
  ANALYTICS(true);

  private final boolean optIn;

  Purpose(boolean optIn) {
    this.optIn = optIn;
  }

  /** True when the purpose needs a grant; false when it is allowed until withdrawn. */
  public boolean requiresOptIn() {
    return optIn;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The purpose with this wire name; empty for null or an unknown name. */
  public static Optional<Purpose> fromWire(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(p -> p.wireName().equals(value)).findFirst();
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Purpose::wireName).toList();
  }
}
