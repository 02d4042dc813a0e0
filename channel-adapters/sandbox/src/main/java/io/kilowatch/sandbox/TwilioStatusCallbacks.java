package io.kilowatch.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reports the status of each accepted message to its {@code StatusCallback} URL the way Twilio
 * does: one signed form POST per status change, {@code queued} → {@code sent} → {@code delivered}
 * (or {@code undelivered} / {@code failed} with {@code ErrorCode}), each {@link #delay} after the
 * previous one was answered, so one message's callbacks arrive in order.
 *
 * <p>The outcome of a message is, first match wins: the outcome set for its recipient, a magic
 * recipient number ({@code +15005550013} → undelivered 30003, {@code +15005550015} → undelivered
 * 30005, {@code +15005550016} → undelivered 30006), the outcome set for all messages, {@code
 * delivered}. Settings apply to messages accepted afterwards. Thread-safe; never blocks the caller.
 */
final class TwilioStatusCallbacks {
  static final Duration DEFAULT_DELAY = Duration.ofMillis(5);

  /** Sandbox-only recipients whose messages are accepted and then not delivered. */
  static final Map<String, TwilioDeliveryOutcome> MAGIC_NUMBERS =
      Map.of(
          "+15005550013", TwilioDeliveryOutcome.undelivered(30003),
          "+15005550015", TwilioDeliveryOutcome.undelivered(30005),
          "+15005550016", TwilioDeliveryOutcome.undelivered(30006));

  /** The sender Twilio reports for a message sent through a Messaging Service without From. */
  static final String SERVICE_NUMBER = "+15005550006";

  /** What the Messages API accepted, as far as callbacks need it. */
  record AcceptedMessage(
      String accountSid,
      String messageSid,
      String from,
      String to,
      String messagingServiceSid,
      String statusCallbackUrl) {}

  private final TwilioWebhooks webhooks;
  private final AtomicBoolean enabled = new AtomicBoolean(true);
  private final AtomicReference<Duration> delay = new AtomicReference<>(DEFAULT_DELAY);
  private final AtomicReference<TwilioDeliveryOutcome> outcome =
      new AtomicReference<>(TwilioDeliveryOutcome.delivered());
  private final Map<String, TwilioDeliveryOutcome> outcomeByRecipient = new ConcurrentHashMap<>();

  TwilioStatusCallbacks(TwilioWebhooks webhooks) {
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
  }

  /** Called once per accepted message on the request thread; schedules, never blocks. */
  void messageAccepted(AcceptedMessage message) {
    if (!enabled.get() || message.statusCallbackUrl() == null) {
      return;
    }
    List<Map<String, String>> steps = steps(message, outcomeFor(message.to()));
    sendFrom(0, steps, message, delay.get());
  }

  void enabled(boolean on) {
    enabled.set(on);
  }

  void delay(Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException("callback delay must not be negative: " + value);
    }
    delay.set(value);
  }

  void outcome(TwilioDeliveryOutcome value) {
    outcome.set(Objects.requireNonNull(value, "outcome"));
  }

  void outcome(String to, TwilioDeliveryOutcome value) {
    outcomeByRecipient.put(
        Objects.requireNonNull(to, "to"), Objects.requireNonNull(value, "outcome"));
  }

  void reset() {
    enabled.set(true);
    delay.set(DEFAULT_DELAY);
    outcome.set(TwilioDeliveryOutcome.delivered());
    outcomeByRecipient.clear();
  }

  private TwilioDeliveryOutcome outcomeFor(String to) {
    TwilioDeliveryOutcome forRecipient = outcomeByRecipient.get(to);
    if (forRecipient != null) {
      return forRecipient;
    }
    TwilioDeliveryOutcome magic = MAGIC_NUMBERS.get(to);
    return magic != null ? magic : outcome.get();
  }

  private void sendFrom(
      int index, List<Map<String, String>> steps, AcceptedMessage message, Duration wait) {
    if (index >= steps.size()) {
      return;
    }
    webhooks.schedule(
        () ->
            webhooks
                .post(
                    TwilioCallback.Kind.STATUS,
                    message.accountSid(),
                    message.messageSid(),
                    message.statusCallbackUrl(),
                    steps.get(index))
                // Twilio goes on reporting whatever the application answered.
                .thenRun(() -> sendFrom(index + 1, steps, message, wait)),
        wait);
  }

  private static List<Map<String, String>> steps(
      AcceptedMessage message, TwilioDeliveryOutcome outcome) {
    List<Map<String, String>> steps = new ArrayList<>();
    steps.add(params(message, "queued", null));
    if (!"failed".equals(outcome.finalStatus())) {
      steps.add(params(message, "sent", null));
    }
    if (outcome.finalStatus() != null) {
      steps.add(params(message, outcome.finalStatus(), outcome.errorCode()));
    }
    return List.copyOf(steps);
  }

  /** In the order Twilio sends them (the order does not matter to the signature). */
  private static Map<String, String> params(
      AcceptedMessage message, String status, Integer errorCode) {
    Map<String, String> params = new LinkedHashMap<>();
    if (errorCode != null) {
      params.put("ErrorCode", errorCode.toString());
    }
    params.put("SmsSid", message.messageSid());
    params.put("SmsStatus", status);
    params.put("MessageStatus", status);
    params.put("To", message.to());
    if (message.messagingServiceSid() != null) {
      params.put("MessagingServiceSid", message.messagingServiceSid());
    }
    params.put("MessageSid", message.messageSid());
    params.put("AccountSid", message.accountSid());
    params.put("From", message.from() != null ? message.from() : SERVICE_NUMBER);
    params.put("ApiVersion", "2010-04-01");
    return params;
  }
}
