package io.kilowatch.delivery.domain;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.events.notification.NotificationRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One notification on its way through the delivery route. Each step reads what earlier steps
 * decided and may close the job with a final status; later steps skip a closed job. Confined to the
 * thread that runs the route; not thread-safe.
 */
public final class DeliveryJob {
  private final NotificationRequested request;
  private final long startedNanos;
  private Channel channel;
  private String recipient;
  private OutboundMessage message;
  private SendResult result;
  private DeliveryStatus status = DeliveryStatus.REQUESTED;
  private String reason;
  private boolean accepted;
  private boolean claimed;
  private final List<Attempt> attempts = new ArrayList<>();

  /** A channel and address to try, in the customer's order. */
  public record Route(Channel channel, String address) {}

  private List<Route> candidates = List.of();
  private Instant deferUntil;
  private java.util.Locale locale;

  /** One provider call: who answered what, how fast. */
  public record Attempt(String provider, SendResult result, long latencyMillis, Instant at) {}

  public DeliveryJob(NotificationRequested request, long startedNanos) {
    this.request = Objects.requireNonNull(request, "request");
    this.startedNanos = startedNanos;
  }

  public NotificationRequested request() {
    return request;
  }

  public long startedNanos() {
    return startedNanos;
  }

  /** This job created the notification's record, so it may write its outcome. */
  public void markAccepted() {
    this.accepted = true;
  }

  public boolean isAccepted() {
    return accepted;
  }

  /** This job holds the dedupe claim for its key and channel. */
  public void markClaimed() {
    this.claimed = true;
  }

  public boolean isClaimed() {
    return claimed;
  }

  /** True if any provider accepted the message. */
  public boolean wasAccepted() {
    return attempts.stream().anyMatch(a -> a.result() instanceof SendResult.Accepted);
  }

  public boolean isOpen() {
    return status == DeliveryStatus.REQUESTED;
  }

  /** Closes the job with a final status and the reason for it. */
  public void close(DeliveryStatus finalStatus, String why) {
    if (!finalStatus.isFinal()) {
      throw new IllegalArgumentException("not a final status: " + finalStatus);
    }
    this.status = finalStatus;
    this.reason = why;
  }

  public void candidates(List<Route> routes) {
    this.candidates = List.copyOf(routes);
  }

  /** The customer's language for rendering; null means the template's default. */
  public void locale(java.util.Locale locale) {
    this.locale = locale;
  }

  public java.util.Locale locale() {
    return locale;
  }

  public List<Route> candidates() {
    return candidates;
  }

  /** Closes the job as deferred until {@code until}. */
  public void defer(Instant until, String why) {
    this.deferUntil = until;
    close(DeliveryStatus.DEFERRED, why);
  }

  public Instant deferUntil() {
    return deferUntil;
  }

  /** Opens the job again to try the next channel after one failed (channel fallback). */
  public void reopenForFallback() {
    this.status = DeliveryStatus.REQUESTED;
    this.message = null;
    this.claimed = false;
  }

  public void route(Channel channel, String recipient) {
    this.channel = channel;
    this.recipient = recipient;
  }

  public Channel channel() {
    return channel;
  }

  public String recipient() {
    return recipient;
  }

  public OutboundMessage message() {
    return message;
  }

  public void message(OutboundMessage message) {
    this.message = message;
  }

  public SendResult result() {
    return result;
  }

  public void result(SendResult result) {
    this.result = result;
  }

  public DeliveryStatus status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public List<Attempt> attempts() {
    return attempts;
  }

  public void attempted(Attempt attempt) {
    attempts.add(attempt);
  }

  /** The dedupe key: one provider call per idempotency key and channel. */
  public String dedupeKey() {
    return request.idempotencyKey() + "|" + channel.wireName();
  }
}
