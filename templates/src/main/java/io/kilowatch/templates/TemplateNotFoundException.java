package io.kilowatch.templates;

/**
 * No template for the key and channel (no published version in any fallback locale), or no such
 * version.
 */
public class TemplateNotFoundException extends TemplateRenderException {
  public TemplateNotFoundException(String message) {
    super(message);
  }
}
