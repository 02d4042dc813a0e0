package io.kilowatch.rules.domain.price;

import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.PriceTrigger;
import java.util.Objects;
import java.util.UUID;

/**
 * What the index keeps of one active price rule: its id and revision, its sides and whether each
 * side has fired (is waiting to be re-armed).
 */
public record PriceRuleEntry(
    UUID ruleId,
    int revision,
    PriceTrigger above,
    PriceTrigger below,
    boolean aboveFired,
    boolean belowFired) {
  public PriceRuleEntry {
    Objects.requireNonNull(ruleId, "ruleId");
    if (above == null && below == null) {
      throw new IllegalArgumentException("a price rule needs above, below or both");
    }
  }

  /** A freshly armed entry for the rule's condition. */
  public static PriceRuleEntry armed(UUID ruleId, int revision, PriceThreshold condition) {
    return new PriceRuleEntry(ruleId, revision, condition.above(), condition.below(), false, false);
  }
}
