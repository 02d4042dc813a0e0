package io.kilowatch.templates.application;

import io.kilowatch.templates.domain.Finding;
import io.kilowatch.templates.domain.TemplateVersion;
import java.util.List;

/** A version as saved or published, with the warnings validation found (errors stop the change). */
public record VersionOutcome(TemplateVersion version, List<Finding> warnings) {
  public VersionOutcome {
    warnings = List.copyOf(warnings);
  }
}
