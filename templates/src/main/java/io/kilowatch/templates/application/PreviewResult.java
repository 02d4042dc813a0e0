package io.kilowatch.templates.application;

import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.domain.Finding;
import io.kilowatch.templates.domain.TemplateLocale;
import io.kilowatch.templates.domain.TemplateVersion;
import java.util.List;

/**
 * A rendered preview.
 *
 * @param version the version rendered
 * @param requestedLocale the locale asked for (fallback may have chosen another)
 * @param message the rendered parts
 * @param sampleData true when the declared sample values were used
 * @param warnings limits exceeded with this data, data keys the key does not declare
 */
public record PreviewResult(
    TemplateVersion version,
    TemplateLocale requestedLocale,
    RenderedMessage message,
    boolean sampleData,
    List<Finding> warnings) {
  public PreviewResult {
    warnings = List.copyOf(warnings);
  }
}
