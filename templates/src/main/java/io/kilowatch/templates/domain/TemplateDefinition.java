package io.kilowatch.templates.domain;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a template key is: its variables and the locale every channel falls back to.
 *
 * @param key the key
 * @param defaultLocale the last locale of every fallback chain; each channel that has a published
 *     version in any locale has one in this locale
 * @param description what the notification is about, for template authors
 * @param variables the variables its templates may use, in the order authors see them
 */
public record TemplateDefinition(
    TemplateKey key,
    TemplateLocale defaultLocale,
    String description,
    List<VariableDeclaration> variables) {
  public TemplateDefinition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(defaultLocale, "defaultLocale");
    Objects.requireNonNull(description, "description");
    variables = List.copyOf(variables);
    Set<String> names = new HashSet<>();
    for (VariableDeclaration v : variables) {
      if (!names.add(v.name())) {
        throw new IllegalArgumentException("variable " + v.name() + " is declared twice");
      }
    }
  }

  public Optional<VariableDeclaration> variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** A variable the key does not declare counts as required. */
  public boolean isRequired(String name) {
    return variable(name).map(VariableDeclaration::required).orElse(true);
  }

  /** Every declared variable with its sample value. */
  public Map<String, String> samples() {
    Map<String, String> samples = new LinkedHashMap<>();
    variables.forEach(v -> samples.put(v.name(), v.sample()));
    return samples;
  }

  public List<String> variableNames() {
    return variables.stream().map(VariableDeclaration::name).toList();
  }
}
