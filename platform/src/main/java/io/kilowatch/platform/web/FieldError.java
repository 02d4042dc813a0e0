package io.kilowatch.platform.web;

/**
 * One invalid input field.
 *
 * @param field JSON path of the field, e.g. {@code [3].energyWh} or {@code thresholdKwh}
 * @param message what is wrong with it, for a human
 */
public record FieldError(String field, String message) {}
