package io.kilowatch.templates.application;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.templates.domain.Finding;
import io.micronaut.http.HttpStatus;
import java.util.List;

/** Validation findings as the API reports them. */
final class Findings {
  private Findings() {}

  static List<Finding> errors(List<Finding> findings) {
    return findings.stream().filter(Finding::isError).toList();
  }

  static List<Finding> warnings(List<Finding> findings) {
    return findings.stream().filter(f -> !f.isError()).toList();
  }

  /** 422 naming each part (or field) with an error; nothing was changed. */
  static InvalidInputException unprocessable(List<Finding> errors) {
    return new InvalidInputException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        errors.stream().map(f -> new FieldError(f.field(), f.message())).toList());
  }

  static InvalidInputException conflict(String field, String message) {
    return new InvalidInputException(HttpStatus.CONFLICT, List.of(new FieldError(field, message)));
  }
}
