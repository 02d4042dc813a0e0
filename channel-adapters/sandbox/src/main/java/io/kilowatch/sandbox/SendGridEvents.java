package io.kilowatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's SendGrid Event Webhook: after each accepted mail it POSTs the delivery events
 * SendGrid would send to the configured {@link #webhook URL}, signed like SendGrid's Signed Event
 * Webhook (ECDSA P-256 with SHA-256 over the timestamp header value followed by the raw body; the
 * base64 DER signature in {@value #SIGNATURE_HEADER}, the epoch seconds in {@value
 * #TIMESTAMP_HEADER}). Kilowatch verifies them with {@link #publicKey()}.
 *
 * <p>Events per recipient (to, cc and bcc of every personalization), chosen by the local part of
 * the address before any {@code +}:
 *
 * <ul>
 *   <li>{@code bounce@…} → processed, bounce ({@code type} bounce, 5.1.1)
 *   <li>{@code blocked@…} → processed, bounce ({@code type} blocked, 5.7.1)
 *   <li>{@code dropped@…} → dropped ({@code reason} Bounced Address)
 *   <li>{@code deferred@…} → processed, deferred, delivered
 *   <li>{@code spamreport@…} → processed, delivered, spamreport
 *   <li>anything else → processed, delivered
 * </ul>
 *
 * All events of one mail go in one POST, as a JSON array, asynchronously after the mail was
 * accepted (after {@link #delay}, if set). Further events (open, click, unsubscribe, spamreport,
 * ...) are sent on request with {@link #emit}. Each event carries the mail's {@code custom_args}
 * (personalization over mail level) as top-level fields, its {@code categories} as {@code category}
 * (a string for one, an array for several), {@code sg_message_id} = the {@code X-Message-Id} of the
 * send + {@code .filterdrecv-…}, and a unique {@code sg_event_id}. Unlike SendGrid, a failed POST
 * is not retried; it is recorded in {@link #deliveries()}.
 *
 * <p>Thread-safe.
 */
public final class SendGridEvents {
  /** Header with the base64 DER ECDSA signature. */
  public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";

  /** Header with the signing time in epoch seconds; it is signed too. */
  public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";

  /** Event types {@link #emit} can send. */
  public static final Set<String> EVENT_TYPES =
      Set.of(
          "processed",
          "delivered",
          "deferred",
          "bounce",
          "blocked",
          "dropped",
          "open",
          "click",
          "unsubscribe",
          "group_unsubscribe",
          "spamreport");

  private static final Logger LOG = LoggerFactory.getLogger(SendGridEvents.class);
  private static final int MAX_REMEMBERED_RECIPIENTS = 10_000;
  private static final int MAX_RECORDED_DELIVERIES = 1_000;
  private static final Duration POST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * One POST to the webhook and how it went.
   *
   * @param url where it went
   * @param body the JSON array exactly as sent (and signed)
   * @param timestamp value of {@value #TIMESTAMP_HEADER}
   * @param signature value of {@value #SIGNATURE_HEADER}
   * @param status HTTP status of the answer; 0 if none arrived
   * @param error why no answer arrived, or null
   */
  public record Delivery(
      URI url, String body, String timestamp, String signature, int status, String error) {
    /** True if the webhook answered 2xx. */
    public boolean succeeded() {
      return status >= 200 && status < 300;
    }
  }

  /** What the sandbox remembers of one recipient of one accepted mail. */
  private record SentTo(
      String email,
      String messageId,
      String sgMessageId,
      List<String> categories,
      Map<String, String> customArgs) {}

  private final Clock clock;
  private final ObjectMapper json;
  private final KeyPair keys;
  private final String publicKey;
  private final HttpClient http;
  private final AtomicReference<URI> url = new AtomicReference<>();
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger recipientCounter = new AtomicInteger();

  // Guarded by themselves.
  private final Map<String, SentTo> latestByEmail =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SentTo> eldest) {
          return size() > MAX_REMEMBERED_RECIPIENTS;
        }
      };
  private final Deque<Delivery> deliveries = new ArrayDeque<>();

  SendGridEvents(Clock clock, ObjectMapper json, KeyPair keys) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.json = Objects.requireNonNull(json, "json");
    this.keys = keys != null ? keys : generateKeyPair();
    this.publicKey = Base64.getEncoder().encodeToString(this.keys.getPublic().getEncoded());
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A new ECDSA P-256 key pair, as SendGrid generates one when signing is switched on. */
  public static KeyPair generateKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate ECDSA P-256 keys", e);
    }
  }

  /**
   * Where events are POSTed, e.g. {@code http://127.0.0.1:8080/api/v1/providers/sendgrid/events};
   * null switches the webhook off (the default).
   */
  public SendGridEvents webhook(URI webhookUrl) {
    if (webhookUrl != null
        && !"http".equals(webhookUrl.getScheme())
        && !"https".equals(webhookUrl.getScheme())) {
      throw new IllegalArgumentException("webhook URL must be http(s): " + webhookUrl);
    }
    url.set(webhookUrl);
    return this;
  }

  /** The webhook URL, or null if events are not sent. */
  public URI webhookUrl() {
    return url.get();
  }

  /** Waits this long after a mail was accepted before posting its events (default zero). */
  public SendGridEvents delay(Duration eventDelay) {
    if (eventDelay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + eventDelay);
    }
    delay.set(eventDelay);
    return this;
  }

  /**
   * The verification key as SendGrid shows it in its Mail Settings: base64 of the DER
   * (SubjectPublicKeyInfo) encoding of the ECDSA P-256 public key. Configure it into Kilowatch.
   */
  public String publicKey() {
    return publicKey;
  }

  /**
   * Posts one event of this type about the latest mail accepted for {@code email}, now (no delay).
   * {@code blocked} is sent as a {@code bounce} with {@code type} blocked.
   *
   * @return completes with the delivery once the webhook answered or failed
   * @throws IllegalArgumentException if the type is unknown or no mail was sent to {@code email}
   * @throws IllegalStateException if no webhook URL is set
   */
  public CompletableFuture<Delivery> emit(String eventType, String email) {
    if (!EVENT_TYPES.contains(eventType)) {
      throw new IllegalArgumentException(
          "unknown event type " + eventType + "; one of " + EVENT_TYPES);
    }
    SentTo sent;
    synchronized (latestByEmail) {
      sent = latestByEmail.get(normalise(email));
    }
    if (sent == null) {
      throw new IllegalArgumentException("the sandbox has sent no mail to " + email);
    }
    URI target = url.get();
    if (target == null) {
      throw new IllegalStateException("no SendGrid event webhook URL is set");
    }
    return post(target, List.of(event(sent, eventType, clock.instant())));
  }

  /** POSTs made so far (the latest {@value #MAX_RECORDED_DELIVERIES}), oldest first. */
  public List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  /** Forgets recorded deliveries. */
  public void clearDeliveries() {
    synchronized (deliveries) {
      deliveries.clear();
    }
  }

  /** Called by the handler for a mail it answered 202; must not block. */
  void mailAccepted(String messageId, JsonNode mail) {
    List<String> categories = new ArrayList<>();
    mail.path("categories").forEach(c -> categories.add(c.asText()));
    Map<String, String> mailArgs = strings(mail.path("custom_args"));
    List<SentTo> recipients = new ArrayList<>();
    for (JsonNode personalization : mail.path("personalizations")) {
      Map<String, String> args = new LinkedHashMap<>(mailArgs);
      args.putAll(strings(personalization.path("custom_args")));
      String sgMessageId =
          messageId
              + ".filterdrecv-sandbox-1-"
              + HexFormat.of()
                  .toHexDigits(clock.instant().getEpochSecond())
                  .toUpperCase(Locale.ROOT)
              + "-"
              + recipientCounter.incrementAndGet()
              + ".0";
      for (String kind : List.of("to", "cc", "bcc")) {
        for (JsonNode address : personalization.path(kind)) {
          String email = address.path("email").asText();
          recipients.add(
              new SentTo(email, messageId, sgMessageId, List.copyOf(categories), Map.copyOf(args)));
        }
      }
    }
    synchronized (latestByEmail) {
      recipients.forEach(r -> latestByEmail.put(normalise(r.email()), r));
    }
    URI target = url.get();
    if (target == null) {
      return;
    }
    Instant now = clock.instant();
    List<Map<String, Object>> events = new ArrayList<>();
    for (SentTo recipient : recipients) {
      for (String type : automaticEvents(recipient.email())) {
        events.add(event(recipient, type, now));
      }
    }
    Duration wait = delay.get();
    CompletableFuture.runAsync(
        () -> post(target, events),
        CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS));
  }

  static List<String> automaticEvents(String email) {
    String local = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
    int plus = local.indexOf('+');
    String keyword = plus < 0 ? local : local.substring(0, plus);
    return switch (keyword) {
      case "bounce" -> List.of("processed", "bounce");
      case "blocked" -> List.of("processed", "blocked");
      case "dropped" -> List.of("dropped");
      case "deferred" -> List.of("processed", "deferred", "delivered");
      case "spamreport" -> List.of("processed", "delivered", "spamreport");
      default -> List.of("processed", "delivered");
    };
  }

  private Map<String, Object> event(SentTo sent, String type, Instant at) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("email", sent.email());
    event.put("timestamp", at.getEpochSecond());
    event.put("smtp-id", "<" + sent.messageId() + "@geopod-ismtpd-sandbox>");
    event.put("event", "blocked".equals(type) ? "bounce" : type);
    if (sent.categories().size() == 1) {
      event.put("category", sent.categories().get(0));
    } else if (!sent.categories().isEmpty()) {
      event.put("category", sent.categories());
    }
    event.put("sg_event_id", randomId());
    event.put("sg_message_id", sent.sgMessageId());
    switch (type) {
      case "delivered" -> {
        event.put("response", "250 2.0.0 OK");
        event.put("ip", "149.72.0.1");
        event.put("tls", 1);
      }
      case "deferred" -> {
        event.put("response", "451 4.7.1 Please try again later");
        event.put("attempt", "1");
        event.put("ip", "149.72.0.1");
      }
      case "bounce" -> {
        event.put("type", "bounce");
        event.put("status", "5.1.1");
        event.put("reason", "550 5.1.1 The email account that you tried to reach does not exist.");
        event.put("bounce_classification", "Invalid Address");
        event.put("ip", "149.72.0.1");
      }
      case "blocked" -> {
        event.put("type", "blocked");
        event.put("status", "5.7.1");
        event.put("reason", "550 5.7.1 Message rejected due to the sending IP's reputation.");
        event.put("bounce_classification", "Reputation");
        event.put("ip", "149.72.0.1");
      }
      case "dropped" -> {
        event.put("reason", "Bounced Address");
        event.put("status", "5.0.0");
      }
      case "open" -> {
        event.put("useragent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
        event.put("ip", "203.0.113.7");
        event.put("sg_machine_open", false);
      }
      case "click" -> {
        event.put("useragent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
        event.put("ip", "203.0.113.7");
        event.put("url", "https://kilowatch.example/");
        event.put("url_offset", Map.of("index", 0, "type", "html"));
      }
      case "group_unsubscribe" -> event.put("asm_group_id", 1);
      default -> {
        // processed, unsubscribe and spamreport carry only the common fields.
      }
    }
    // SendGrid adds custom args as top-level fields; its own fields win on a clash.
    sent.customArgs().forEach(event::putIfAbsent);
    return event;
  }

  private CompletableFuture<Delivery> post(URI target, List<Map<String, Object>> events) {
    String body;
    try {
      body = json.writeValueAsString(events);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String signature = sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(POST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("User-Agent", "SendGrid Event API")
            .header(SIGNATURE_HEADER, signature)
            .header(TIMESTAMP_HEADER, timestamp)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              Delivery delivery =
                  error == null
                      ? new Delivery(
                          target, body, timestamp, signature, response.statusCode(), null)
                      : new Delivery(target, body, timestamp, signature, 0, error.toString());
              if (!delivery.succeeded()) {
                LOG.info(
                    "SendGrid event webhook {} answered {} {}",
                    target,
                    delivery.status(),
                    delivery.error() == null ? "" : delivery.error());
              }
              record(delivery);
              return delivery;
            });
  }

  /** Signs exactly what SendGrid signs: the timestamp header value, then the raw body. */
  String sign(String timestamp, byte[] body) {
    try {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
      signer.update(body);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign SendGrid events", e);
    }
  }

  private void record(Delivery delivery) {
    synchronized (deliveries) {
      if (deliveries.size() == MAX_RECORDED_DELIVERIES) {
        deliveries.removeFirst();
      }
      deliveries.addLast(delivery);
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }

  private static String normalise(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  /** 22 URL-safe base64 characters, the shape of SendGrid's message and event ids. */
  static String randomId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
