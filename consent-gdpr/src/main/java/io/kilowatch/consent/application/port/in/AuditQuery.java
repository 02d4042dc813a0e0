package io.kilowatch.consent.application.port.in;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compliance officer's question to the audit log; every filter optional. Use {@link #parse}.
 *
 * @param from entries at or after (inclusive)
 * @param to entries before (exclusive)
 * @param before paging cursor: entries with a smaller id
 */
public record AuditQuery(
    String actor,
    String customerId,
    String action,
    Instant from,
    Instant to,
    Long before,
    int limit) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /**
   * Validates the query parameters.
   *
   * @throws InvalidInputException naming each invalid parameter
   */
  public static AuditQuery parse(
      String actor,
      String customerId,
      String action,
      String from,
      String to,
      String before,
      String limit) {
    List<FieldError> errors = new ArrayList<>();
    Inputs.optionalText("actor", actor, Inputs.MAX_TEXT, errors);
    Inputs.optionalText("action", action, Inputs.MAX_TEXT, errors);
    if (customerId != null) {
      Inputs.customerId("customerId", customerId, errors);
    }
    Instant f = instant("from", from, errors);
    Instant t = instant("to", to, errors);
    if (f != null && t != null && !f.isBefore(t)) {
      errors.add(new FieldError("to", "must be after from"));
    }
    Long cursor = null;
    if (before != null) {
      try {
        cursor = Long.parseLong(before);
        if (cursor < 1) {
          errors.add(new FieldError("before", "must be a positive entry id"));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("before", "must be an entry id"));
      }
    }
    int n = DEFAULT_LIMIT;
    if (limit != null) {
      try {
        n = Integer.parseInt(limit);
        if (n < 1 || n > MAX_LIMIT) {
          errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "must be a number between 1 and " + MAX_LIMIT));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new AuditQuery(actor, customerId, action, f, t, cursor, n);
  }

  private static Instant instant(String field, String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be an ISO-8601 instant like 2026-07-01T00:00:00Z"));
      return null;
    }
  }
}
