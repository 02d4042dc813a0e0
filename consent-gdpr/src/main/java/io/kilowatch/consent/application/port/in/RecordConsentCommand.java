package io.kilowatch.consent.application.port.in;

import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.domain.ConsentAction;
import io.kilowatch.consent.domain.ConsentSource;
import io.kilowatch.consent.domain.Purpose;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A grant or withdrawal to record, well-formed by construction: use {@link #parse}.
 *
 * @param channel a channel wire name, or null for every channel
 * @param ipOrIdentity may be null
 * @param reference may be null
 */
public record RecordConsentCommand(
    String customerId,
    Purpose purpose,
    String channel,
    ConsentAction action,
    ConsentSource source,
    String actor,
    String ipOrIdentity,
    String textVersion,
    Instant occurredAt,
    String reference) {
  /** How far in the future an evidence time may lie (clock skew between systems). */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  public RecordConsentCommand {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(textVersion, "textVersion");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /**
   * Validates a request to record consent.
   *
   * @param action the command word, {@code grant} or {@code withdraw}
   * @param now the clock's now: the default and the upper bound of {@code occurredAt}
   * @throws InvalidInputException naming every invalid field; nothing has been recorded
   */
  public static RecordConsentCommand parse(
      String customerId,
      String purpose,
      String channel,
      String action,
      ConsentEvidence evidence,
      Instant now) {
    List<FieldError> errors = new ArrayList<>();
    Inputs.customerId("customerId", customerId, errors);
    Purpose p = null;
    if (purpose == null || purpose.isBlank()) {
      errors.add(new FieldError("purpose", "is required: one of " + Purpose.wireNames()));
    } else {
      p = Purpose.fromWire(purpose).orElse(null);
      if (p == null) {
        errors.add(
            new FieldError(
                "purpose", "unknown purpose '" + purpose + "'; one of " + Purpose.wireNames()));
      }
    }
    if (channel != null && !Inputs.isChannel(channel)) {
      errors.add(
          new FieldError(
              "channel",
              channel.isBlank()
                  ? "must not be blank; leave it out for all channels"
                  : "unknown channel '"
                      + channel
                      + "'; one of "
                      + Inputs.channelNames()
                      + ", or leave it out for all channels"));
    }
    ConsentAction a = null;
    if (action == null || action.isBlank()) {
      errors.add(new FieldError("action", "is required: grant or withdraw"));
    } else {
      a = ConsentAction.fromCommand(action).orElse(null);
      if (a == null) {
        errors.add(new FieldError("action", "unknown action '" + action + "'; grant or withdraw"));
      }
    }
    ConsentSource s = null;
    Instant occurredAt = now;
    if (evidence == null) {
      errors.add(new FieldError("evidence", "is required: source, actor and textVersion"));
    } else {
      if (evidence.source() == null || evidence.source().isBlank()) {
        errors.add(new FieldError("source", "is required: one of " + ConsentSource.wireNames()));
      } else {
        s = ConsentSource.fromWire(evidence.source()).orElse(null);
        if (s == null) {
          errors.add(
              new FieldError(
                  "source",
                  "unknown source '"
                      + evidence.source()
                      + "'; one of "
                      + ConsentSource.wireNames()));
        }
      }
      Inputs.requiredText("actor", evidence.actor(), Inputs.MAX_TEXT, "who recorded it", errors);
      Inputs.requiredText(
          "textVersion",
          evidence.textVersion(),
          Inputs.MAX_TEXT,
          "the version of the text the person saw or heard",
          errors);
      Inputs.optionalText("ipOrIdentity", evidence.ipOrIdentity(), Inputs.MAX_TEXT, errors);
      Inputs.optionalText("reference", evidence.reference(), Inputs.MAX_TEXT, errors);
      if (s != null && needsIdentity(s) && evidence.ipOrIdentity() == null) {
        errors.add(
            new FieldError(
                "ipOrIdentity",
                "is required for source "
                    + s.wireName()
                    + ": the IP address or channel identity it came from"));
      }
      if (evidence.occurredAt() != null) {
        if (evidence.occurredAt().isAfter(now.plus(MAX_SKEW))) {
          errors.add(new FieldError("occurredAt", "must not be in the future"));
        }
        occurredAt = evidence.occurredAt();
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new RecordConsentCommand(
        customerId,
        p,
        channel,
        a,
        s,
        evidence.actor().strip(),
        evidence.ipOrIdentity(),
        evidence.textVersion().strip(),
        occurredAt,
        evidence.reference());
  }

  /** Sources whose evidence is where the request came from; staff and imports name the actor. */
  private static boolean needsIdentity(ConsentSource source) {
    return source != ConsentSource.STAFF_PHONE && source != ConsentSource.IMPORT;
  }
}
