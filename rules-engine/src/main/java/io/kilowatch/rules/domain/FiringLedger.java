package io.kilowatch.rules.domain;

/**
 * Remembers which rules fired for which windows. Implementations must make {@link #recordFirst}
 * atomic: of two concurrent calls for the same rule and window, exactly one returns true.
 */
public interface FiringLedger {
  /** Records the firing unless the rule already fired for that window; true when recorded now. */
  boolean recordFirst(RuleFiring firing);
}
