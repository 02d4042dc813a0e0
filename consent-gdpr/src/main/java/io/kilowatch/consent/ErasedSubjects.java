package io.kilowatch.consent;

/**
 * Whether a person was erased. A module that would create data for a customer from a late event (a
 * reading, a rule firing, a contact point) asks first and drops the event when the answer is yes,
 * so that an erased person is not re-created. Cached like the consent gate. Thread-safe.
 */
public interface ErasedSubjects {
  /** True once the customer's erasure has started; it stays true forever. */
  boolean isErased(String customerId);
}
