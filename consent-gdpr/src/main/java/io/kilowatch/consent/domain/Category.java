package io.kilowatch.consent.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * Notification categories (the wire names of {@code NotificationCategory}) with the purpose they
 * serve and the lawful basis they are sent on. A unit test holds this list equal to the events
 * module's, so a new category fails the build until it is placed here.
 */
public enum Category {
  USAGE("usage", Purpose.SERVICE, LawfulBasis.CONTRACT),
  COST("cost", Purpose.SERVICE, LawfulBasis.CONTRACT),
  PRICE("price", Purpose.SERVICE, LawfulBasis.CONTRACT),
  BILLING("billing", Purpose.SERVICE, LawfulBasis.CONTRACT),
  OUTAGE("outage", Purpose.SERVICE, LawfulBasis.LEGITIMATE_INTEREST),
  MARKETING("marketing", Purpose.MARKETING, LawfulBasis.CONSENT),
  /** Verification codes for contact points the customer added: their own request. */
  ACCOUNT("account", Purpose.SERVICE, LawfulBasis.CONTRACT);

  private final String wireName;
  private final Purpose purpose;
  private final LawfulBasis lawfulBasis;

  Category(String wireName, Purpose purpose, LawfulBasis lawfulBasis) {
    this.wireName = wireName;
    this.purpose = purpose;
    this.lawfulBasis = lawfulBasis;
  }

  public String wireName() {
    return wireName;
  }

  public Purpose purpose() {
    return purpose;
  }

  public LawfulBasis lawfulBasis() {
    return lawfulBasis;
  }

  public static Optional<Category> fromWire(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(value)).findFirst();
  }
}
