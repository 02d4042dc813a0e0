package io.kilowatch.templates.application.port.in;

import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;
import io.kilowatch.templates.domain.VariableDeclaration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Declare a template key, or change its declaration: default locale, description, variables.
 *
 * @param definition the new definition
 */
public record DefineTemplateCommand(TemplateDefinition definition) {
  public static final int MAX_DESCRIPTION = 500;
  public static final int MAX_SAMPLE = 1000;
  public static final int MAX_VARIABLES = 50;

  /**
   * A variable as the caller sent it.
   *
   * @param required null means true
   */
  public record VariableInput(String name, String description, String sample, Boolean required) {}

  /**
   * @throws InvalidInputException 400 naming {@code key}, {@code defaultLocale}, {@code
   *     description} or {@code variables[i].name|description|sample}
   */
  public static DefineTemplateCommand parse(
      String key, String defaultLocale, String description, List<VariableInput> variables) {
    List<FieldError> errors = new ArrayList<>();
    TemplateKey k = TemplateCoordinates.parseKey(key, "key", errors);
    if (k != null && !isCategory(k.category())) {
      errors.add(
          new FieldError(
              "key",
              "must start with a notification category (usage, cost, price, outage, billing,"
                  + " marketing), not '"
                  + k.category()
                  + "'"));
    }
    TemplateLocale locale = TemplateCoordinates.parseLocale(defaultLocale, "defaultLocale", errors);
    String text = description == null ? "" : description.strip();
    if (text.length() > MAX_DESCRIPTION) {
      errors.add(
          new FieldError("description", "is longer than " + MAX_DESCRIPTION + " characters"));
    }
    List<VariableDeclaration> declared = new ArrayList<>();
    if (variables == null) {
      errors.add(new FieldError("variables", "is required (an empty list declares no variables)"));
    } else if (variables.size() > MAX_VARIABLES) {
      errors.add(new FieldError("variables", "at most " + MAX_VARIABLES + " variables"));
    } else {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < variables.size(); i++) {
        VariableInput v = variables.get(i);
        String at = "variables[" + i + "].";
        int before = errors.size();
        if (!VariableDeclaration.isValidName(v.name())) {
          errors.add(
              new FieldError(
                  at + "name", "must be a letter, then letters, digits or _ (at most 64)"));
        } else if (!names.add(v.name())) {
          errors.add(new FieldError(at + "name", v.name() + " is declared twice"));
        }
        if (v.sample() == null || v.sample().isBlank()) {
          errors.add(new FieldError(at + "sample", "is required: a realistic value for previews"));
        } else if (v.sample().length() > MAX_SAMPLE) {
          errors.add(new FieldError(at + "sample", "is longer than " + MAX_SAMPLE + " characters"));
        }
        String about = v.description() == null ? "" : v.description().strip();
        if (about.length() > MAX_DESCRIPTION) {
          errors.add(
              new FieldError(
                  at + "description", "is longer than " + MAX_DESCRIPTION + " characters"));
        }
        if (errors.size() == before) {
          declared.add(
              new VariableDeclaration(
                  v.name(), about, v.sample(), v.required() == null || v.required()));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new DefineTemplateCommand(new TemplateDefinition(k, locale, text, declared));
  }

  private static boolean isCategory(String category) {
    for (NotificationCategory c : NotificationCategory.values()) {
      if (c.wireName().equals(category)) {
        return true;
      }
    }
    return false;
  }
}
