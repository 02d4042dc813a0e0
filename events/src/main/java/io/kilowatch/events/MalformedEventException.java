package io.kilowatch.events;

/**
 * An event body that cannot be read as its contract says. Never retried: consumers dead-letter the
 * message with this exception's message as the reason.
 */
public class MalformedEventException extends RuntimeException {
  public MalformedEventException(String message) {
    super(message);
  }
}
