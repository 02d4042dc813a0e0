package io.kilowatch.channel.sms;

import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends SMS through one Twilio account with the Twilio Java SDK ({@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json}), once per {@link #send}, and classifies the answer
 * (see {@link TwilioAnswers}). Never throws for Twilio's answer or a network failure. The sender
 * ({@code From} or {@code MessagingServiceSid}) is chosen per recipient region ({@link
 * TwilioSenders}).
 *
 * <p>Each sender owns its {@link TwilioRestClient} and connection pool, built from the settings at
 * construction; the SDK's global {@code Twilio.init} singleton is never used, so two accounts (a
 * primary and a backup) can live side by side. Thread-safe; {@link #close()} releases the pool.
 */
public final class TwilioSmsSender implements ChannelSender, AutoCloseable {
  /** MDC key under which every log line of a send carries Kilowatch's notification id. */
  public static final String MDC_NOTIFICATION_ID = "notificationId";

  private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsSender.class);

  private final String provider;
  private final String prefix;
  private final TwilioSenders senders;
  private final String statusCallbackUrl;
  private final TwilioHttpClient httpClient;
  private final TwilioRestClient restClient;
  private final TwilioAnswers answers;

  /**
   * Builds a sender and its connection pool.
   *
   * @throws IllegalArgumentException if credentials or a sender (From or Messaging Service) are
   *     missing, or a URL is malformed
   */
  public TwilioSmsSender(TwilioAccountSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * As {@link #TwilioSmsSender(TwilioAccountSettings)}; {@code clock} dates {@code Retry-After}.
   */
  TwilioSmsSender(TwilioAccountSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    this.prefix = settings.prefix();
    String accountSid = required(settings.getAccountSid(), "account-sid");
    String authToken = required(settings.getAuthToken(), "auth-token");
    this.provider = required(settings.getProvider(), "provider");
    this.senders = new TwilioSenders(settings);
    this.statusCallbackUrl = blankToNull(settings.getStatusCallbackUrl());
    if (statusCallbackUrl != null) {
      try {
        URI.create(statusCallbackUrl); // fail at startup, not on the first send
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            prefix + ".status-callback-url is not a URL: " + statusCallbackUrl, e);
      }
    }
    this.httpClient =
        TwilioHttpClient.create(
            baseUrl(settings.getBaseUrl(), prefix),
            settings.getMaxConnections(),
            settings.getMaxConnectionsPerRoute(),
            settings.getConnectTimeout(),
            settings.getResponseTimeout(),
            settings.getPoolTimeout());
    this.restClient =
        new TwilioRestClient.Builder(accountSid, authToken).httpClient(httpClient).build();
    this.answers = new TwilioAnswers(provider, clock);
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public String provider() {
    return provider;
  }

  /**
   * Sends one SMS.
   *
   * @throws IllegalArgumentException if the message is not for the SMS channel (a caller's bug, not
   *     a provider answer)
   */
  @Override
  public SendResult send(OutboundMessage message) {
    if (message.channel() != Channel.SMS) {
      throw new IllegalArgumentException("not an SMS: " + message.channel());
    }
    String previous = MDC.get(MDC_NOTIFICATION_ID);
    MDC.put(MDC_NOTIFICATION_ID, message.notificationId());
    try {
      return sendOnce(message);
    } finally {
      // Restore rather than remove: the caller may have set the key for its own log lines.
      if (previous == null) {
        MDC.remove(MDC_NOTIFICATION_ID);
      } else {
        MDC.put(MDC_NOTIFICATION_ID, previous);
      }
    }
  }

  private SendResult sendOnce(OutboundMessage message) {
    MessageCreator creator = creator(message);
    httpClient.forgetLastAnswer();
    try {
      Message created = creator.create(restClient);
      TwilioHttpClient.Answer answer = httpClient.takeLastAnswer();
      if (created.getSid() == null) {
        LOG.error("Twilio answered {} without a message sid", answer);
        return answers.acceptedWithoutSid();
      }
      LOG.debug("Twilio accepted SMS as {} ({})", created.getSid(), created.getStatus());
      return new SendResult.Accepted(provider, created.getSid());
    } catch (TwilioException e) {
      SendResult result = answers.failure(e, httpClient.takeLastAnswer());
      log(result, e);
      return result;
    }
  }

  private MessageCreator creator(OutboundMessage message) {
    PhoneNumber to = new PhoneNumber(message.recipient());
    TwilioSenders.Sender sender = senders.senderFor(message);
    MessageCreator creator =
        sender.messagingServiceSid() != null
            ? Message.creator(to, sender.messagingServiceSid(), message.body())
            : Message.creator(to, new PhoneNumber(sender.fromNumber()), message.body());
    if (sender.messagingServiceSid() != null && sender.fromNumber() != null) {
      creator.setFrom(new PhoneNumber(sender.fromNumber()));
    }
    if (statusCallbackUrl != null) {
      creator.setStatusCallback(statusCallbackFor(message.notificationId()));
    }
    return creator;
  }

  /** The callback URL with {@code notificationId} added, so callbacks map back without a lookup. */
  private String statusCallbackFor(String notificationId) {
    return statusCallbackUrl
        + (statusCallbackUrl.contains("?") ? "&" : "?")
        + "notificationId="
        + URLEncoder.encode(notificationId, StandardCharsets.UTF_8);
  }

  private static void log(SendResult result, TwilioException error) {
    if (result instanceof SendResult.PermanentFailure p) {
      if (TwilioAnswers.AUTH.equals(p.errorCode())) {
        LOG.error("Twilio rejected our credentials: {}", p.message());
      } else {
        LOG.info("Twilio refused SMS permanently: {} {}", p.errorCode(), p.message());
      }
    } else if (result instanceof SendResult.RetryableFailure r) {
      // The stack trace only at debug: under an outage this line repeats thousands of times.
      LOG.warn(
          "Twilio send failed, retryable: {} {} (retry after {})",
          r.errorCode(),
          r.message(),
          r.retryAfter(),
          LOG.isDebugEnabled() ? error : null);
    }
  }

  /** Closes the connection pool; sends after this fail. */
  @Override
  public void close() {
    httpClient.close();
  }

  /** Scheme, host and port only: the SDK's paths are kept, so a path here would be lost. */
  private static URI baseUrl(String value, String prefix) {
    if (blankToNull(value) == null) {
      return null;
    }
    String problem = prefix + ".base-url must be http(s)://host[:port]: ";
    URI uri;
    try {
      uri = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(problem + value, e);
    }
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    String path = uri.getPath();
    if (!http || uri.getHost() == null || (path != null && !path.isEmpty() && !path.equals("/"))) {
      throw new IllegalArgumentException(problem + value);
    }
    return uri;
  }

  private String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(prefix + "." + name + " is required");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
