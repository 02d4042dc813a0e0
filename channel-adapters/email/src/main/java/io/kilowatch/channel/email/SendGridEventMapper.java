package io.kilowatch.channel.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.channel.ProviderStatus;
import io.kilowatch.channel.ProviderStatusUpdate;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a SendGrid Event Webhook post (a JSON array of events) and maps each event onto a {@link
 * ProviderStatusUpdate}:
 *
 * <table>
 *   <caption>SendGrid event → ProviderStatus</caption>
 *   <tr><td>processed</td><td>SENT</td></tr>
 *   <tr><td>delivered</td><td>DELIVERED</td></tr>
 *   <tr><td>bounce (type bounce)</td><td>BOUNCED</td></tr>
 *   <tr><td>bounce (type blocked)</td><td>FAILED: the receiving server refused the sender (IP
 *       reputation, content), which says nothing about the address</td></tr>
 *   <tr><td>dropped</td><td>DROPPED</td></tr>
 *   <tr><td>open / click</td><td>OPENED / CLICKED</td></tr>
 *   <tr><td>unsubscribe, group_unsubscribe</td><td>UNSUBSCRIBED</td></tr>
 *   <tr><td>spamreport</td><td>SPAM_REPORTED</td></tr>
 *   <tr><td>deferred, group_resubscribe, anything else</td><td>skipped: SendGrid keeps trying a
 *       deferred mail, and Kilowatch has no status for a resubscribe</td></tr>
 * </table>
 *
 * {@code providerMessageId} is {@code sg_message_id} up to its first dot (= the {@code
 * X-Message-Id} the send returned); {@code notificationId} is the custom arg {@value
 * SendGridEmailSender#NOTIFICATION_ID_ARG}; {@code recipient} is {@code email}; {@code errorCode}
 * the SMTP {@code status} (e.g. 5.1.1) and {@code detail} the {@code reason} (bounce, dropped) or
 * clicked {@code url}.
 *
 * <p>Stateless and thread-safe.
 */
final class SendGridEventMapper {
  private static final Logger LOG = LoggerFactory.getLogger(SendGridEventMapper.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String provider;

  SendGridEventMapper(String provider) {
    this.provider = provider;
  }

  /**
   * The updates in one post, in the order SendGrid sent them; skipped events are left out.
   *
   * @throws MalformedEventsException if the body is not a JSON array of events that each have an
   *     {@code event} name, an epoch-seconds {@code timestamp} and a message reference
   */
  List<ProviderStatusUpdate> map(byte[] body) {
    JsonNode events;
    try {
      events = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw MalformedEventsException.of("body", "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw MalformedEventsException.of("body", "unreadable: " + e.getMessage());
    }
    if (events == null || !events.isArray()) {
      throw MalformedEventsException.of("body", "must be a JSON array of events");
    }
    List<MalformedEventsException.Problem> errors = new ArrayList<>();
    List<ProviderStatusUpdate> updates = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      ProviderStatusUpdate update = map(events.get(i), "[" + i + "]", errors);
      if (update != null) {
        updates.add(update);
      }
    }
    if (!errors.isEmpty()) {
      throw new MalformedEventsException(errors);
    }
    return updates;
  }

  private ProviderStatusUpdate map(
      JsonNode event, String path, List<MalformedEventsException.Problem> errors) {
    if (!event.isObject()) {
      errors.add(new MalformedEventsException.Problem(path, "must be an event object"));
      return null;
    }
    JsonNode type = event.path("event");
    JsonNode timestamp = event.path("timestamp");
    int before = errors.size();
    if (!type.isTextual() || type.asText().isBlank()) {
      errors.add(new MalformedEventsException.Problem(path + ".event", "required"));
    }
    if (!timestamp.canConvertToLong()) {
      errors.add(
          new MalformedEventsException.Problem(path + ".timestamp", "required, epoch seconds"));
    }
    String providerMessageId = messageId(text(event, "sg_message_id"));
    String notificationId = text(event, SendGridEmailSender.NOTIFICATION_ID_ARG);
    if (providerMessageId == null && notificationId == null) {
      errors.add(
          new MalformedEventsException.Problem(
              path + ".sg_message_id",
              "required unless the event carries custom arg "
                  + SendGridEmailSender.NOTIFICATION_ID_ARG));
    }
    if (errors.size() > before) {
      return null;
    }
    ProviderStatus status = status(type.asText(), text(event, "type"));
    if (status == null) {
      LOG.debug("Skipping SendGrid event {} of {}", type.asText(), providerMessageId);
      return null;
    }
    String detail = status == ProviderStatus.CLICKED ? text(event, "url") : text(event, "reason");
    return new ProviderStatusUpdate(
        provider,
        providerMessageId,
        notificationId,
        status,
        text(event, "email"),
        status == ProviderStatus.BOUNCED
                || status == ProviderStatus.FAILED
                || status == ProviderStatus.DROPPED
            ? text(event, "status")
            : null,
        detail,
        Instant.ofEpochSecond(timestamp.asLong()));
  }

  /** Kilowatch's status for a SendGrid event, or null if Kilowatch does not record it. */
  static ProviderStatus status(String event, String bounceType) {
    return switch (event) {
      case "processed" -> ProviderStatus.SENT;
      case "delivered" -> ProviderStatus.DELIVERED;
      case "bounce" ->
          "blocked".equals(bounceType) ? ProviderStatus.FAILED : ProviderStatus.BOUNCED;
      case "dropped" -> ProviderStatus.DROPPED;
      case "open" -> ProviderStatus.OPENED;
      case "click" -> ProviderStatus.CLICKED;
      case "unsubscribe", "group_unsubscribe" -> ProviderStatus.UNSUBSCRIBED;
      case "spamreport" -> ProviderStatus.SPAM_REPORTED;
      default -> null;
    };
  }

  /** {@code sg_message_id} up to its first dot: the id the send answered with. */
  static String messageId(String sgMessageId) {
    if (sgMessageId == null || sgMessageId.isBlank()) {
      return null;
    }
    int dot = sgMessageId.indexOf('.');
    return dot < 0 ? sgMessageId : dot == 0 ? null : sgMessageId.substring(0, dot);
  }

  private static String text(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
