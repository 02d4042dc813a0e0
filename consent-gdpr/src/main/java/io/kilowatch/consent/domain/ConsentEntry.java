package io.kilowatch.consent.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the consent ledger: a grant or withdrawal with its evidence. Immutable.
 *
 * @param id ledger id, assigned when stored
 * @param customerId whose consent
 * @param purpose for what
 * @param channel the channel's wire name, or null for every channel
 * @param action granted or withdrawn
 * @param source how it reached us
 * @param actor who recorded it: the customer, a staff member, or a system (e.g. {@code
 *     sms-inbound})
 * @param ipOrIdentity the IP address (web, API) or channel identity (the phone number of an SMS
 *     keyword, the email address of an unsubscribe); may be null for staff and imports
 * @param textVersion version of the text the person saw or heard (consent wording, unsubscribe
 *     page, SMS keyword)
 * @param reference the provider's id of the message that carried it (idempotency), or null
 * @param occurredAt when the person expressed it
 * @param recordedAt when Kilowatch stored it
 */
public record ConsentEntry(
    long id,
    String customerId,
    Purpose purpose,
    String channel,
    ConsentAction action,
    ConsentSource source,
    String actor,
    String ipOrIdentity,
    String textVersion,
    String reference,
    Instant occurredAt,
    Instant recordedAt) {
  public ConsentEntry {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(textVersion, "textVersion");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(recordedAt, "recordedAt");
  }

  /** The part that decides the state. */
  public ConsentFact fact() {
    return new ConsentFact(id, purpose, channel, action, occurredAt);
  }

  /** The same entry with the id the ledger gave it. */
  public ConsentEntry withId(long newId) {
    return new ConsentEntry(
        newId,
        customerId,
        purpose,
        channel,
        action,
        source,
        actor,
        ipOrIdentity,
        textVersion,
        reference,
        occurredAt,
        recordedAt);
  }
}
