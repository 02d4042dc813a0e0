package io.kilowatch.templates;

/**
 * A template could not be rendered, and trying again with the same input will not help: the caller
 * should record the failure (dead letter) rather than retry.
 */
public class TemplateRenderException extends RuntimeException {
  public TemplateRenderException(String message) {
    super(message);
  }

  public TemplateRenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
