package io.kilowatch.templates.domain;

import java.util.Objects;

/**
 * One thing validation found in a template version.
 *
 * @param severity an error stops the version from being saved or published; a warning does not
 * @param field what it is about: {@code parts.body}, {@code parts.subject}, {@code locale}...
 * @param message for the template author, naming the variable and line where there is one
 */
public record Finding(Severity severity, String field, String message) {
  public enum Severity {
    ERROR,
    WARNING
  }

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  public static Finding error(String field, String message) {
    return new Finding(Severity.ERROR, field, message);
  }

  public static Finding warning(String field, String message) {
    return new Finding(Severity.WARNING, field, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
