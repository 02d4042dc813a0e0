package io.kilowatch.delivery.application;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.consent.ConsentDecision;
import io.kilowatch.consent.ConsentGate;
import io.kilowatch.consent.ErasedSubjects;
import io.kilowatch.consent.UnsubscribeLinks;
import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.delivery.domain.DeliveryStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 1 of the delivery route: consent (consent-gdpr) before preferences. Thread-safe.
 *
 * <ul>
 *   <li>An erased person is dropped before anything is recorded: no notification row, no log line
 *       with their id; only the anonymous count {@code suppressed:erased} (channel and provider
 *       {@code none}).
 *   <li>Consent is asked at the clock's now for the category's purpose on every channel: refused on
 *       all → {@code suppressed} with the reason ("no consent for marketing", "consent withdrawn
 *       for service"), before quiet hours or caps are looked at.
 *   <li>After planning, the planned channels are asked again one by one (the ledger is per
 *       channel): refused ones are dropped from the plan (the next channel in the customer's order
 *       takes over); none left → {@code suppressed} with the reason and channel.
 * </ul>
 *
 * A deferred (quiet hours) notification is released as a new event and runs the whole route again,
 * so consent is decided again at release, right before the provider call.
 */
@Singleton
public class ConsentStep {
  /** Reason of a notification dropped because its person was erased. */
  public static final String ERASED = ConsentDecision.ERASED;

  /** Metadata key the email adapter reads for its List-Unsubscribe header. */
  static final String UNSUBSCRIBE_URL = "unsubscribeUrl";

  private final ConsentGate gate;
  private final ErasedSubjects erased;
  private final UnsubscribeLinks unsubscribeLinks;
  private final Clock clock;

  ConsentStep(
      ConsentGate gate, ErasedSubjects erased, UnsubscribeLinks unsubscribeLinks, Clock clock) {
    this.gate = gate;
    this.erased = erased;
    this.unsubscribeLinks = unsubscribeLinks;
    this.clock = clock;
  }

  /**
   * Closes the job, before it is recorded, when its person was erased.
   *
   * @return true if the job was dropped
   */
  public boolean dropIfErased(DeliveryJob job) {
    if (erased.isErased(job.request().customerId())) {
      job.close(DeliveryStatus.SUPPRESSED, ERASED);
      return true;
    }
    return false;
  }

  /** True for a job dropped by {@link #dropIfErased}: nothing about it may name the person. */
  public static boolean isErasedDrop(DeliveryJob job) {
    return !job.isAccepted()
        && job.status() == DeliveryStatus.SUPPRESSED
        && ERASED.equals(job.reason());
  }

  /**
   * Closes the job as suppressed when the category's purpose is refused on every channel.
   *
   * @throws SubjectErasedException when the person was erased after the job was recorded: the
   *     consumer's transaction rolls back and the redelivery is dropped by {@link #dropIfErased}
   */
  public void gate(DeliveryJob job) {
    Instant at = clock.instant();
    ConsentDecision refusal = null;
    for (Channel channel : Channel.values()) {
      ConsentDecision decision = decide(job, channel, at);
      if (decision.allowed()) {
        return;
      }
      if (refusal == null || ConsentDecision.WITHDRAWN.equals(decision.reason())) {
        refusal = decision;
      }
    }
    job.close(DeliveryStatus.SUPPRESSED, describe(refusal, List.of()));
  }

  /**
   * The planned routes whose channel consent allows, in order. None → the job is closed as
   * suppressed with the reason and the refused channels.
   */
  public List<DeliveryJob.Route> permitted(DeliveryJob job, List<DeliveryJob.Route> routes) {
    Instant at = clock.instant();
    List<DeliveryJob.Route> allowed = new ArrayList<>(routes.size());
    Map<Channel, ConsentDecision> refused = new LinkedHashMap<>();
    for (DeliveryJob.Route route : routes) {
      ConsentDecision decision =
          refused.containsKey(route.channel()) ? null : decide(job, route.channel(), at);
      if (decision == null || !decision.allowed()) {
        if (decision != null) {
          refused.put(route.channel(), decision);
        }
        continue;
      }
      allowed.add(route);
    }
    if (allowed.isEmpty() && !refused.isEmpty()) {
      ConsentDecision first = refused.values().iterator().next();
      job.close(
          DeliveryStatus.SUPPRESSED,
          describe(first, refused.keySet().stream().map(Channel::wireName).toList()));
    }
    return allowed;
  }

  /**
   * The message with a signed one-click unsubscribe link for email (RFC 8058: the email adapter
   * turns it into {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}); unchanged for other
   * channels, when it already carries a link, or when no public base URL is configured.
   */
  public OutboundMessage withUnsubscribeLink(DeliveryJob job, OutboundMessage message) {
    if (message.channel() != Channel.EMAIL || message.metadata().containsKey(UNSUBSCRIBE_URL)) {
      return message;
    }
    var request = job.request();
    return unsubscribeLinks
        .url(
            request.customerId(),
            request.category().wireName(),
            Channel.EMAIL.wireName(),
            message.recipient())
        .map(
            url -> {
              Map<String, String> metadata = new LinkedHashMap<>(message.metadata());
              metadata.put(UNSUBSCRIBE_URL, url);
              return new OutboundMessage(
                  message.notificationId(),
                  message.channel(),
                  message.recipient(),
                  message.subject(),
                  message.body(),
                  metadata);
            })
        .orElse(message);
  }

  private ConsentDecision decide(DeliveryJob job, Channel channel, Instant at) {
    var request = job.request();
    ConsentDecision decision =
        gate.decide(request.customerId(), request.category().wireName(), channel.wireName(), at);
    if (ERASED.equals(decision.reason())) {
      throw new SubjectErasedException();
    }
    return decision;
  }

  /** "consent withdrawn for service", "no consent for marketing by sms". */
  private static String describe(ConsentDecision refusal, List<String> channels) {
    String text =
        ConsentDecision.WITHDRAWN.equals(refusal.reason())
            ? "consent withdrawn for " + refusal.purpose()
            : "no consent for " + refusal.purpose();
    return channels.isEmpty() ? text : text + " by " + String.join(", ", channels);
  }

  /**
   * The person was erased while their notification was on its way. Not a dead letter: the
   * redelivery finds them erased and drops it without a trace.
   */
  public static final class SubjectErasedException extends RuntimeException {
    SubjectErasedException() {
      super("the customer was erased while the notification was being delivered; it is dropped");
    }
  }
}
