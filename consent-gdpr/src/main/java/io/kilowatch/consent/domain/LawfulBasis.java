package io.kilowatch.consent.domain;

/** The GDPR Art. 6(1) ground a message is sent on. */
public enum LawfulBasis {
  /** Art. 6(1)(a): the person opted in; withdrawable at any time. */
  CONSENT("consent"),
  /** Art. 6(1)(b): the person asked for it as part of their supply contract (their own alerts). */
  CONTRACT("contract"),
  /** Art. 6(1)(f): the retailer's and the customer's interest (outages); the person may object. */
  LEGITIMATE_INTEREST("legitimate-interest");

  private final String wireName;

  LawfulBasis(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
