package io.kilowatch.consent.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a ledger entry records: a grant or a withdrawal. */
public enum ConsentAction {
  GRANTED("granted", "grant"),
  WITHDRAWN("withdrawn", "withdraw");

  private final String wireName;
  private final String command;

  ConsentAction(String wireName, String command) {
    this.wireName = wireName;
    this.command = command;
  }

  /** As stored and shown in history: {@code granted}, {@code withdrawn}. */
  public String wireName() {
    return wireName;
  }

  /** As asked for in a request: {@code grant}, {@code withdraw}. */
  public String command() {
    return command;
  }

  public static Optional<ConsentAction> fromWire(String value) {
    return Arrays.stream(values()).filter(a -> a.wireName.equals(value)).findFirst();
  }

  public static Optional<ConsentAction> fromCommand(String value) {
    return Arrays.stream(values()).filter(a -> a.command.equals(value)).findFirst();
  }
}
