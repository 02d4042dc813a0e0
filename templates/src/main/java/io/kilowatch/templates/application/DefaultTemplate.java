package io.kilowatch.templates.application;

import io.kilowatch.templates.domain.TemplateContent;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateLocale;
import java.util.List;

/**
 * A template key as Kilowatch ships it: its definition and a first version per channel and locale.
 */
public record DefaultTemplate(TemplateDefinition definition, List<Version> versions) {
  public DefaultTemplate {
    versions = List.copyOf(versions);
  }

  /** The first version of one channel in one locale. */
  public record Version(TemplateLocale locale, TemplateContent content) {}
}
