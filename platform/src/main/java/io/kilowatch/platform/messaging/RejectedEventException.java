package io.kilowatch.platform.messaging;

/** A well-formed event that this consumer can never process; dead-lettered with the message. */
public class RejectedEventException extends RuntimeException {
  public RejectedEventException(String reason) {
    super(reason);
  }
}
