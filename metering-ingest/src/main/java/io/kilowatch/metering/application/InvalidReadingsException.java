package io.kilowatch.metering.application;

import io.kilowatch.metering.domain.Violation;
import java.util.List;

/** A batch that broke input rules; nothing of it was stored. */
public class InvalidReadingsException extends RuntimeException {
  private final transient List<Violation> violations;

  public InvalidReadingsException(List<Violation> violations) {
    super(summary(violations));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String summary(List<Violation> violations) {
    if (violations.isEmpty()) {
      return "invalid readings";
    }
    Violation first = violations.get(0);
    String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
    return first.field() + ": " + first.message() + more;
  }
}
