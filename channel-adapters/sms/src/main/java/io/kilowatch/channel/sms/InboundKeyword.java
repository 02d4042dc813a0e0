package io.kilowatch.channel.sms;

import java.time.Instant;
import java.util.Objects;

/**
 * A person texted one of Twilio's standard keywords to one of our numbers: a verified (signed)
 * inbound SMS, recognised by {@link SmsKeywords}. Twilio itself blocks further messages to a number
 * that sent an opt-out keyword (error 21610) until it sends an opt-in keyword.
 *
 * @param type what the keyword asks for
 * @param keyword the keyword as recognised, upper case (e.g. {@code STOP}, {@code UNSUBSCRIBE})
 * @param from the sender's number, E.164 as Twilio reports it
 * @param to our number it was sent to, E.164
 * @param provider provider name of the account, e.g. {@code twilio}
 * @param messageSid Twilio's id of the inbound message ({@code SM...}); the same on a redelivery,
 *     so listeners can be idempotent
 * @param receivedAt when Kilowatch received it
 */
public record InboundKeyword(
    Type type,
    String keyword,
    String from,
    String to,
    String provider,
    String messageSid,
    Instant receivedAt) {

  /** What a keyword asks for. */
  public enum Type {
    /** Withdraw consent to SMS from this number (STOP, UNSUBSCRIBE, ...). */
    OPT_OUT,
    /** Restore consent to SMS from this number (START, UNSTOP, YES). */
    OPT_IN,
    /** Asks for help; Twilio answers it with the account's help text. */
    HELP
  }

  public InboundKeyword {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(messageSid, "messageSid");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
