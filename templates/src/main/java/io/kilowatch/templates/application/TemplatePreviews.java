package io.kilowatch.templates.application;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.templates.MissingTemplateVariableException;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.TemplateRenderException;
import io.kilowatch.templates.application.port.in.PreviewCommand;
import io.kilowatch.templates.application.port.out.TemplateStore;
import io.kilowatch.templates.domain.Finding;
import io.kilowatch.templates.domain.PreparedTemplate;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateLocale;
import io.kilowatch.templates.domain.TemplateValidator;
import io.kilowatch.templates.domain.TemplateVersion;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a version for a person to look at, with the data they give or the declared samples. Reads
 * the database, not the cache, so that what is shown is what is stored. Thread-safe.
 */
@Singleton
public class TemplatePreviews {
  private final TemplateStore store;

  TemplatePreviews(TemplateStore store) {
    this.store = store;
  }

  /**
   * @throws InvalidInputException 422 naming {@code key} (not declared), {@code version} (no such
   *     version), {@code channel} (nothing published on it in the fallback chain), or {@code
   *     data.<variable>} for each variable without a value
   */
  @Transactional(readOnly = true)
  public PreviewResult preview(PreviewCommand command) {
    TemplateDefinition definition =
        store
            .definition(command.key())
            .orElseThrow(() -> unprocessable("key", "no template key " + command.key()));
    TemplateLocale requested =
        command.locale() == null ? definition.defaultLocale() : command.locale();
    TemplateVersion version = version(command, definition, requested);
    boolean sampleData = command.data() == null;
    Map<String, String> data = sampleData ? definition.samples() : command.data();
    RenderedMessage message;
    try {
      message = PreparedTemplate.of(definition, version).render(data);
    } catch (MissingTemplateVariableException e) {
      throw new InvalidInputException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          e.variables().stream()
              .map(v -> new FieldError("data." + v, "no value for {{" + v + "}}"))
              .toList());
    } catch (TemplateRenderException e) {
      throw unprocessable("version", e.getMessage());
    }
    List<Finding> warnings = new ArrayList<>();
    if (!sampleData) {
      data.keySet().stream()
          .filter(name -> definition.variable(name).isEmpty())
          .sorted()
          .forEach(
              name ->
                  warnings.add(
                      Finding.warning(
                          "data." + name,
                          "is not a variable of " + definition.key() + "; ignored")));
    }
    warnings.addAll(
        TemplateValidator.checkRendered(
            message, sampleData ? "with the sample values" : "with this data"));
    return new PreviewResult(version, requested, message, sampleData, warnings);
  }

  private TemplateVersion version(
      PreviewCommand command, TemplateDefinition definition, TemplateLocale requested) {
    if (command.version() != null) {
      return store
          .version(command.key(), command.channel(), requested, command.version())
          .orElseThrow(
              () ->
                  unprocessable(
                      "version",
                      TemplateVersion.label(
                              command.key(), command.channel(), requested, command.version())
                          + " does not exist"));
    }
    List<TemplateVersion> published =
        store.published(command.key()).stream()
            .filter(v -> v.channel() == command.channel())
            .toList();
    List<TemplateLocale> chain = requested.fallbackChain(definition.defaultLocale());
    for (TemplateLocale locale : chain) {
      Optional<TemplateVersion> found =
          published.stream().filter(v -> v.locale().equals(locale)).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw unprocessable(
        "channel",
        "no published "
            + command.channel().wireName()
            + " version of "
            + command.key()
            + " in "
            + String.join(", ", chain.stream().map(TemplateLocale::tag).toList()));
  }

  private static InvalidInputException unprocessable(String field, String message) {
    return new InvalidInputException(
        HttpStatus.UNPROCESSABLE_ENTITY, List.of(new FieldError(field, message)));
  }
}
