package io.kilowatch.consent.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The part of a ledger entry that decides: what was granted or withdrawn, for which channel, when.
 * Immutable.
 *
 * @param id ledger id; breaks ties between entries of the same instant (the later recorded wins)
 * @param purpose the purpose
 * @param channel the channel's wire name ({@code sms}, {@code email}, ...), or null for every
 *     channel
 * @param action granted or withdrawn
 * @param occurredAt when the person expressed it
 */
public record ConsentFact(
    long id, Purpose purpose, String channel, ConsentAction action, Instant occurredAt) {
  /** Ledger order: by the time the person expressed it, then by the order it was recorded. */
  public static final Comparator<ConsentFact> LEDGER_ORDER =
      Comparator.comparing(ConsentFact::occurredAt).thenComparingLong(ConsentFact::id);

  public ConsentFact {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /** True when this entry speaks for the channel: it names it, or it names no channel. */
  public boolean covers(Purpose purpose, String channel) {
    return this.purpose == purpose && (this.channel == null || this.channel.equals(channel));
  }
}
