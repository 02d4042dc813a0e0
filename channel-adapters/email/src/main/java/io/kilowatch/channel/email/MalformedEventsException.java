package io.kilowatch.channel.email;

import java.util.List;

/** A SendGrid event post that cannot be read; answered 400 naming each bad field. */
final class MalformedEventsException extends RuntimeException {
  /** One bad field, e.g. {@code [2].timestamp}. */
  record Problem(String field, String message) {}

  private final transient List<Problem> problems;

  MalformedEventsException(List<Problem> problems) {
    super(problems.get(0).field() + ": " + problems.get(0).message());
    this.problems = List.copyOf(problems);
  }

  static MalformedEventsException of(String field, String message) {
    return new MalformedEventsException(List.of(new Problem(field, message)));
  }

  List<Problem> problems() {
    return problems;
  }
}
