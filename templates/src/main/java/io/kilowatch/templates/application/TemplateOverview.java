package io.kilowatch.templates.application;

import io.kilowatch.templates.application.port.out.VariantSummary;
import io.kilowatch.templates.domain.Finding;
import io.kilowatch.templates.domain.TemplateDefinition;
import java.util.List;

/**
 * A template key: its definition, its versions per channel and locale, and what is wrong with it (a
 * channel whose default locale has no published version).
 */
public record TemplateOverview(
    TemplateDefinition definition, List<VariantSummary> variants, List<Finding> issues) {
  public TemplateOverview {
    variants = List.copyOf(variants);
    issues = List.copyOf(issues);
  }
}
