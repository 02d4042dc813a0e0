package io.kilowatch.channel.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * POSTs a notification's JSON envelope to the customer's or partner's endpoint, signed, once per
 * {@link #send}, and classifies the answer (see {@link WebhookAnswers}). Never throws for the
 * receiver's answer or a network failure.
 *
 * <p>Per send: the message's header values and JSON body are checked ({@code invalid-message},
 * {@code invalid-body}), then the endpoint by the {@link EndpointGuard}, which resolves the host
 * right before the request ({@code endpoint-refused}, or retryable {@code dns}); the request
 * carries {@code Kilowatch-Signature} ({@code t=<unix seconds>,kid=<key id>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">}, signed with the current key), {@code Kilowatch-Notification-Id}, {@code
 * Idempotency-Key} and, when the metadata has {@code eventType}, {@code Kilowatch-Event-Type}.
 * Redirects are never followed.
 *
 * <p>Thread-safe; one {@link HttpClient} (HTTP/1.1, pooled keep-alive connections) per sender.
 */
public final class WebhookSender implements ChannelSender {
  /** MDC key under which every log line of a send carries Kilowatch's notification id. */
  public static final String MDC_NOTIFICATION_ID = "notificationId";

  /** HMAC keys shorter than this many bytes are refused: they are guessable offline. */
  static final int MIN_SECRET_BYTES = 32;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  // Visible ASCII: no spaces, CR or LF, so a value can never split or forge a header.
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7E]{1,200}");

  // Duplicate keys are refused: receivers' parsers disagree on which one wins.
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final String provider;
  private final String keyId;
  private final byte[] secret;
  private final Duration requestTimeout;
  private final Duration deadline;
  private final int maxResponseBodyBytes;
  private final String userAgent;
  private final EndpointGuard guard;
  private final HttpClient httpClient;
  private final WebhookAnswers answers;
  private final Clock clock;

  /**
   * Builds a sender with its own endpoint guard (the JVM's resolver) and the system clock.
   *
   * @throws IllegalArgumentException if no usable signing key is configured, or limits are invalid
   */
  public WebhookSender(WebhookSettings settings) {
    this(settings, new EndpointGuard(settings), Clock.systemUTC());
  }

  /**
   * As {@link #WebhookSender(WebhookSettings)}, with the guard to check endpoints by and the clock
   * that dates signatures and {@code Retry-After}.
   */
  WebhookSender(WebhookSettings settings, EndpointGuard guard, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.provider = required(settings.getProvider(), "provider");
    this.userAgent = required(settings.getUserAgent(), "user-agent");
    if (!userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
      throw new IllegalArgumentException(WebhookSettings.PREFIX + ".user-agent must be ASCII text");
    }
    Map<String, String> keys = settings.getSigningKeys();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          WebhookSettings.SIGNING_KEYS_PROPERTY
              + " needs at least one key id → secret: "
              + settings);
    }
    keys.forEach(
        (id, value) -> {
          if (id == null || !WebhookSignature.KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                WebhookSettings.SIGNING_KEYS_PROPERTY
                    + ": key id '"
                    + id
                    + "' must be 1-64 of A-Z a-z 0-9 . _ -");
          }
          if (value == null || value.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                WebhookSettings.SIGNING_KEYS_PROPERTY
                    + ": the secret of key "
                    + id
                    + " must have at least "
                    + MIN_SECRET_BYTES
                    + " bytes");
          }
        });
    String current = blankToNull(settings.getCurrentKeyId());
    if (current == null) {
      if (keys.size() != 1) {
        throw new IllegalArgumentException(
            WebhookSettings.PREFIX + ".current-key-id is required with several keys: " + settings);
      }
      current = keys.keySet().iterator().next();
    }
    if (!keys.containsKey(current)) {
      throw new IllegalArgumentException(
          WebhookSettings.PREFIX + ".current-key-id names no configured key: " + settings);
    }
    this.keyId = current;
    this.secret = keys.get(current).getBytes(StandardCharsets.UTF_8);
    Duration connectTimeout = positive(settings.getConnectTimeout(), "connect-timeout");
    this.requestTimeout = positive(settings.getRequestTimeout(), "request-timeout");
    // Bounds the whole exchange, reading the body included, which the request timeout does not.
    this.deadline = connectTimeout.plus(requestTimeout);
    if (settings.getMaxResponseBodyBytes() < 0) {
      throw new IllegalArgumentException(
          WebhookSettings.PREFIX + ".max-response-body-bytes must not be negative");
    }
    this.maxResponseBodyBytes = settings.getMaxResponseBodyBytes();
    this.httpClient =
        HttpClient.newBuilder()
            // HTTP/1.1: on http:// endpoints HTTP/2 would mean an h2c upgrade attempt on every
            // POST, which some receivers mishandle; webhook volumes per host do not need h2.
            .version(HttpClient.Version.HTTP_1_1)
            // A redirect could lead to an address the guard never saw.
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
    this.answers = new WebhookAnswers(provider, clock);
    if (!settings.isAllowPrivateNetworks() && dnsCacheDisabled()) {
      LOG.warn(
          "The JVM's DNS cache is off (networkaddress.cache.ttl=0): the HTTP client resolves each"
              + " webhook host again after the endpoint guard did, which widens the DNS rebinding"
              + " window; see channel-adapters/webhook/README.md");
    }
  }

  @Override
  public Channel channel() {
    return Channel.WEBHOOK;
  }

  @Override
  public String provider() {
    return provider;
  }

  /** The id of the key deliveries are signed with. */
  public String currentKeyId() {
    return keyId;
  }

  /**
   * POSTs one webhook.
   *
   * @throws IllegalArgumentException if the message is not for the webhook channel (a caller's bug,
   *     not a receiver's answer)
   */
  @Override
  public SendResult send(OutboundMessage message) {
    if (message.channel() != Channel.WEBHOOK) {
      throw new IllegalArgumentException("not a webhook: " + message.channel());
    }
    String previous = MDC.get(MDC_NOTIFICATION_ID);
    MDC.put(MDC_NOTIFICATION_ID, message.notificationId());
    try {
      SendResult result = sendOnce(message);
      log(result, message.recipient());
      return result;
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
    String notificationId = message.notificationId();
    if (!HEADER_VALUE.matcher(notificationId).matches()) {
      return answers.invalidMessage("the notification id cannot be sent as a header value");
    }
    String eventType = message.metadata().get(WebhookHeaders.EVENT_TYPE_METADATA);
    if (eventType != null && !HEADER_VALUE.matcher(eventType).matches()) {
      return answers.invalidMessage("the eventType cannot be sent as a header value");
    }
    byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
    Optional<String> bodyProblem = jsonProblem(body);
    if (bodyProblem.isPresent()) {
      return answers.invalidBody(bodyProblem.get());
    }

    // Resolved now, right before the request: see the README on DNS rebinding.
    EndpointGuard.Verdict verdict = guard.inspect(message.recipient());
    if (verdict instanceof EndpointGuard.Verdict.Refused refused) {
      return answers.refused(refused.reason());
    }
    if (verdict instanceof EndpointGuard.Verdict.Unresolved unresolved) {
      return answers.unresolved(unresolved.reason());
    }
    URI uri = ((EndpointGuard.Verdict.Allowed) verdict).uri();

    HttpRequest request;
    try {
      request = request(uri, notificationId, eventType, body);
    } catch (IllegalArgumentException e) {
      // Values are checked above; this is the HTTP client's last word on them.
      return answers.invalidMessage("cannot build the request: " + e.getMessage());
    }
    return exchange(request, notificationId);
  }

  private HttpRequest request(URI uri, String notificationId, String eventType, byte[] body) {
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", userAgent)
            .header(
                WebhookHeaders.SIGNATURE, WebhookSignature.header(timestamp, keyId, secret, body))
            .header(WebhookHeaders.NOTIFICATION_ID, notificationId)
            .header(WebhookHeaders.IDEMPOTENCY_KEY, notificationId)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (eventType != null) {
      request.header(WebhookHeaders.EVENT_TYPE, eventType);
    }
    return request.build();
  }

  private SendResult exchange(HttpRequest request, String notificationId) {
    // Status and headers as soon as they arrive, so a body that never ends cannot hide them.
    AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> response =
        httpClient.sendAsync(
            request,
            info -> {
              head.set(info);
              return new BoundedBodySubscriber(maxResponseBodyBytes);
            });
    try {
      HttpResponse<byte[]> answer = response.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
      return answers.answer(notificationId, answer.statusCode(), answer.headers(), answer.body());
    } catch (ExecutionException e) {
      return headOr(head, notificationId, answers.noAnswer(e.getCause()));
    } catch (TimeoutException e) {
      response.cancel(true);
      return headOr(head, notificationId, answers.timedOut());
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      return answers.interrupted();
    }
  }

  /** The answer's status decides once it has arrived, even if its body then failed to. */
  private SendResult headOr(
      AtomicReference<HttpResponse.ResponseInfo> head, String notificationId, SendResult orElse) {
    HttpResponse.ResponseInfo info = head.get();
    if (info == null) {
      return orElse;
    }
    return answers.answer(notificationId, info.statusCode(), info.headers(), new byte[0]);
  }

  /** Why the body is not one JSON object, or empty if it is. */
  static Optional<String> jsonProblem(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.of("the body is not a JSON object");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        return Optional.of("the body has content after its JSON object");
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      // Without Jackson's "(start marker at [Source: ...])" location noise.
      String problem = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*$", "");
      return Optional.of("the body is not valid JSON: " + WebhookAnswers.printable(problem));
    } catch (IOException e) {
      return Optional.of("the body is not valid JSON: " + e.getMessage());
    }
  }

  private void log(SendResult result, String recipient) {
    if (result instanceof SendResult.Accepted accepted) {
      LOG.debug(
          "{} accepted the webhook ({})", endpointForLog(recipient), accepted.providerMessageId());
    } else if (result instanceof SendResult.PermanentFailure p) {
      if (WebhookAnswers.ENDPOINT_REFUSED.equals(p.errorCode())) {
        // Refused endpoints may be probing attempts; security wants to see them.
        LOG.warn("Webhook endpoint refused: {}", p.message());
      } else {
        LOG.info(
            "Webhook to {} failed permanently: {} {}",
            endpointForLog(recipient),
            p.errorCode(),
            p.message());
      }
    } else if (result instanceof SendResult.RetryableFailure r) {
      LOG.warn(
          "Webhook to {} failed, retryable: {} {} (retry after {})",
          endpointForLog(recipient),
          r.errorCode(),
          r.message(),
          r.retryAfter());
    }
  }

  /** Scheme, host and port only: paths and queries of webhook URLs often carry tokens. */
  private static String endpointForLog(String recipient) {
    try {
      URI uri = URI.create(recipient.strip());
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return "<invalid URL>";
    }
  }

  private static boolean dnsCacheDisabled() {
    String ttl = Security.getProperty("networkaddress.cache.ttl");
    if (ttl == null) {
      ttl = System.getProperty("sun.net.inetaddr.ttl");
    }
    return "0".equals(ttl == null ? null : ttl.strip());
  }

  private static Duration positive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(WebhookSettings.PREFIX + "." + name + " must be positive");
    }
    return value;
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(WebhookSettings.PREFIX + "." + name + " is required");
    }
    return value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
