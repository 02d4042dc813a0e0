package io.kilowatch.consent.domain;

/** Why a message may not be sent for a purpose. */
public enum Refusal {
  /** The latest covering ledger entry is a withdrawal. */
  WITHDRAWN("withdrawn"),
  /** An opt-in purpose without a grant. */
  NO_CONSENT("no-consent"),
  /** The person was erased (Art. 17); nothing is ever sent to them again. */
  ERASED("erased");

  private final String wireName;

  Refusal(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
