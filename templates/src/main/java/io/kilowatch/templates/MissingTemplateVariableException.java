package io.kilowatch.templates;

import java.util.List;

/**
 * Variables the template needs had no value (absent, or blank) in the data. A message is never sent
 * with a gap where a value should be.
 */
public class MissingTemplateVariableException extends TemplateRenderException {
  private final List<String> variables;

  public MissingTemplateVariableException(String template, List<String> variables) {
    super(
        template
            + ": no value for "
            + (variables.size() == 1 ? "variable " : "variables ")
            + String.join(", ", variables));
    this.variables = List.copyOf(variables);
  }

  /** The variables without a value, in the order the template uses them. */
  public List<String> variables() {
    return variables;
  }
}
