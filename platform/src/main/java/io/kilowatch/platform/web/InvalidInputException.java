package io.kilowatch.platform.web;

import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * Input that was rejected as a whole, before anything changed. Rendered as {@code
 * application/problem+json} with one entry per field in {@code errors}.
 */
public class InvalidInputException extends RuntimeException {
  private final HttpStatus status;
  private final List<FieldError> errors;

  public InvalidInputException(HttpStatus status, List<FieldError> errors) {
    super(errors.isEmpty() ? status.getReason() : summary(errors));
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public InvalidInputException(List<FieldError> errors) {
    this(HttpStatus.BAD_REQUEST, errors);
  }

  public static InvalidInputException of(String field, String message) {
    return new InvalidInputException(List.of(new FieldError(field, message)));
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String summary(List<FieldError> errors) {
    FieldError first = errors.get(0);
    String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
    return first.field() + ": " + first.message() + more;
  }
}
