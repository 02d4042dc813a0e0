package io.kilowatch.metering.domain;

import java.util.Objects;

/**
 * One broken input rule.
 *
 * @param field where, as a path into the submitted batch, e.g. {@code [3].energyWh}; {@code $} is
 *     the batch as a whole
 * @param message what is wrong, for a human
 */
public record Violation(String field, String message) {
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
