package io.kilowatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Programmable Messaging API, as much of it as Kilowatch uses: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json}. Answers in Twilio's shapes (Message resource,
 * error JSON) so that the real Twilio SDK parses them. Thread-safe.
 *
 * <p>Built-in behaviour besides the {@link TwilioControl} faults: HTTP Basic authentication against
 * the configured accounts (401, 20003); a {@code To} that is not E.164 is rejected with 21211; and
 * Twilio's magic test numbers answer as they do with Twilio test credentials: +15005550001 → 21211,
 * +15005550002 → 21612, +15005550003 → 21408, +15005550004 → 21610 (opted out), +15005550009 →
 * 21614.
 *
 * <p>Each accepted message with a {@code StatusCallback} gets Twilio's signed status callbacks
 * ({@link TwilioStatusCallbacks}); {@link TwilioControl#inboundSms} simulates inbound SMS. {@link
 * #close()} stops the threads that send them.
 */
final class TwilioHandler implements ProviderHandler, AutoCloseable {
  static final String API_PREFIX = "/2010-04-01/";

  /** Control actions that take an optional {@code accountSid} to apply to one account only. */
  private static final java.util.Set<String> ACCOUNT_FAULTS =
      java.util.Set.of("fail", "latency", "outage", "rate-limit", "reset");

  private static final Pattern ACCOUNT_PATH = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/");
  private static final Pattern MESSAGES_PATH =
      Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
  private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{1,14}$");
  private static final Map<String, Integer> MAGIC_NUMBERS =
      Map.of(
          "+15005550001", 21211,
          "+15005550002", 21612,
          "+15005550003", 21408,
          "+15005550004", 21610,
          "+15005550009", 21614);

  // Twilio's date format (RFC 2822), e.g. "Thu, 24 Aug 2023 05:01:45 +0000".
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final Map<String, String> accounts;
  private final Clock clock;
  private final ObjectMapper json;
  private final TwilioControl control;
  private final TwilioWebhooks webhooks;
  private final TwilioStatusCallbacks callbacks;

  /**
   * @param maxRecordedCallbacks how many sent webhooks {@link TwilioControl#callbacks()} keeps
   */
  TwilioHandler(
      Map<String, String> accounts, Clock clock, ObjectMapper json, int maxRecordedCallbacks) {
    this.accounts = Map.copyOf(accounts);
    this.clock = clock;
    this.json = json;
    this.webhooks = new TwilioWebhooks(accounts, clock, maxRecordedCallbacks);
    this.callbacks = new TwilioStatusCallbacks(webhooks);
    this.control = new TwilioControl(clock, callbacks, new TwilioInbound(webhooks), webhooks);
  }

  TwilioControl control() {
    return control;
  }

  @Override
  public String name() {
    return "twilio";
  }

  @Override
  public List<String> apiPathPrefixes() {
    return List.of(API_PREFIX);
  }

  @Override
  public Reply handleApi(IncomingRequest request) {
    String accountSid = accountOf(request.path());
    return answer(request, accountSid).delayedBy(control.latency(accountSid));
  }

  /** The account SID in {@code /2010-04-01/Accounts/{sid}/...}, or null. */
  private static String accountOf(String path) {
    Matcher account = ACCOUNT_PATH.matcher(path);
    return account.find() ? account.group(1) : null;
  }

  private Reply answer(IncomingRequest request, String pathAccountSid) {
    TwilioControl.Fault fault = control.nextFault(pathAccountSid);
    if (fault != null) {
      Reply reply = error(fault.status(), fault.code(), fault.message());
      if (fault.retryAfter() != null) {
        reply = reply.withHeader("Retry-After", Long.toString(ceilSeconds(fault.retryAfter())));
      }
      return reply;
    }
    String[] credentials = request.basicCredentials();
    if (credentials == null || !authentic(credentials[0], credentials[1])) {
      return error(401, 20003, TwilioErrors.message(20003))
          .withHeader("WWW-Authenticate", "Basic realm=\"Twilio API\"");
    }
    Matcher messages = MESSAGES_PATH.matcher(request.path());
    if (!messages.matches() || !"POST".equals(request.method())) {
      return notFound(request);
    }
    String accountSid = messages.group(1);
    if (!accountSid.equals(credentials[0])) {
      // Twilio does not reveal other accounts' resources: it answers as if there were none.
      return notFound(request);
    }
    return createMessage(accountSid, request);
  }

  private Reply createMessage(String accountSid, IncomingRequest request) {
    String to = request.formParam("To");
    String from = request.formParam("From");
    String messagingServiceSid = request.formParam("MessagingServiceSid");
    String body = request.formParam("Body");
    if (isBlank(to)) {
      return error(400, 21604, TwilioErrors.message(21604));
    }
    if (isBlank(from) && isBlank(messagingServiceSid)) {
      return error(400, 21603, TwilioErrors.message(21603));
    }
    if (isBlank(body)) {
      return error(400, 21602, TwilioErrors.message(21602));
    }
    if (body.length() > 1600) {
      return error(400, 21617, TwilioErrors.message(21617));
    }
    String statusCallback = request.formParam("StatusCallback");
    if (!isBlank(statusCallback) && !isHttpUrl(statusCallback)) {
      return error(400, 21609, TwilioErrors.message(21609));
    }
    if (!E164.matcher(to).matches() || MAGIC_NUMBERS.get(to) != null) {
      int code = MAGIC_NUMBERS.getOrDefault(to, 21211);
      return error(400, code, recipientMessage(code, to, from));
    }

    String sid = "SM" + randomHex32();
    String now = RFC_2822.format(clock.instant());
    String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("account_sid", accountSid);
    message.put("api_version", "2010-04-01");
    message.put("body", body);
    message.put("date_created", now);
    message.put("date_sent", null);
    message.put("date_updated", now);
    message.put("direction", "outbound-api");
    message.put("error_code", null);
    message.put("error_message", null);
    // Sent through a Messaging Service without From, Twilio picks the sender later: from is null
    // and the status is "accepted" rather than "queued".
    message.put("from", isBlank(from) ? null : from);
    message.put("messaging_service_sid", isBlank(messagingServiceSid) ? null : messagingServiceSid);
    message.put("num_media", "0");
    message.put("num_segments", Integer.toString(SmsSegments.count(body)));
    message.put("price", null);
    message.put("price_unit", "USD");
    message.put("sid", sid);
    message.put("status", isBlank(from) ? "accepted" : "queued");
    message.put("subresource_uris", Map.of("media", uri + "/Media.json"));
    message.put("to", to);
    message.put("uri", uri + ".json");
    callbacks.messageAccepted(
        new TwilioStatusCallbacks.AcceptedMessage(
            accountSid,
            sid,
            isBlank(from) ? null : from,
            to,
            isBlank(messagingServiceSid) ? null : messagingServiceSid,
            isBlank(statusCallback) ? null : statusCallback));
    return Reply.json(201, write(message));
  }

  @Override
  public Reply handleControl(String action, IncomingRequest request) {
    if ("callbacks".equals(action) && !"POST".equals(request.method())) {
      return callbacksEndpoint(request);
    }
    if (!"POST".equals(request.method())) {
      return controlError(405, "use POST");
    }
    JsonNode body;
    try {
      body = request.body().isBlank() ? json.createObjectNode() : json.readTree(request.body());
    } catch (JsonProcessingException e) {
      return controlError(400, "body is not JSON: " + e.getOriginalMessage());
    }
    try {
      if (body.hasNonNull("accountSid") && ACCOUNT_FAULTS.contains(action)) {
        accountFault(action, control.account(body.get("accountSid").asText()), body);
        return Reply.empty(204);
      }
      switch (action) {
        case "fail" -> {
          int code = required(body, "code");
          String message =
              body.hasNonNull("message")
                  ? body.get("message").asText()
                  : TwilioErrors.message(code);
          control.failNext(required(body, "count"), required(body, "status"), code, message);
        }
        case "latency" -> control.latency(Duration.ofMillis(required(body, "millis")));
        case "outage" -> control.outage(Duration.ofMillis(required(body, "millis")));
        case "rate-limit" ->
            control.rateLimit(
                required(body, "permitsPerSecond"),
                Duration.ofSeconds(required(body, "retryAfterSeconds")));
        case "reset" -> control.reset();
        case "delivery-outcome" -> {
          TwilioDeliveryOutcome outcome = outcome(body);
          if (body.hasNonNull("to")) {
            control.deliveryOutcome(body.get("to").asText(), outcome);
          } else {
            control.deliveryOutcome(outcome);
          }
        }
        case "callbacks" -> {
          if (!body.has("enabled") && !body.has("delayMillis")) {
            throw new IllegalArgumentException("give 'enabled' and/or 'delayMillis'");
          }
          if (body.has("enabled")) {
            control.statusCallbacks(body.get("enabled").asBoolean());
          }
          if (body.has("delayMillis")) {
            control.callbackDelay(Duration.ofMillis(required(body, "delayMillis")));
          }
        }
        case "inbound-url" -> control.inboundUrl(optionalUrl(body, "url"));
        case "inbound" -> {
          control.inboundSms(
              body.hasNonNull("accountSid") ? body.get("accountSid").asText() : null,
              requiredText(body, "from"),
              requiredText(body, "to"),
              requiredText(body, "body"));
          return Reply.empty(202);
        }
        default -> {
          return controlError(404, "unknown action: " + action);
        }
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      return controlError(400, e.getMessage());
    }
    return Reply.empty(204);
  }

  /** A fault control request naming {@code accountSid}: applies to that account only. */
  private static void accountFault(String action, TwilioAccountControl account, JsonNode body) {
    switch (action) {
      case "fail" -> {
        int code = required(body, "code");
        String message =
            body.hasNonNull("message") ? body.get("message").asText() : TwilioErrors.message(code);
        account.failNext(required(body, "count"), required(body, "status"), code, message);
      }
      case "latency" -> account.latency(Duration.ofMillis(required(body, "millis")));
      case "outage" -> account.outage(Duration.ofMillis(required(body, "millis")));
      case "rate-limit" ->
          account.rateLimit(
              required(body, "permitsPerSecond"),
              Duration.ofSeconds(required(body, "retryAfterSeconds")));
      default -> account.reset();
    }
  }

  @Override
  public void close() {
    webhooks.close();
  }

  private Reply callbacksEndpoint(IncomingRequest request) {
    if ("DELETE".equals(request.method())) {
      control.clearCallbacks();
      return Reply.empty(204);
    }
    if (!"GET".equals(request.method())) {
      return controlError(405, "use GET, DELETE or POST");
    }
    List<Map<String, Object>> listing = new ArrayList<>();
    for (TwilioCallback c : control.callbacks()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("kind", c.kind().name());
      entry.put("accountSid", c.accountSid());
      entry.put("messageSid", c.messageSid());
      entry.put("url", c.url());
      entry.put("params", c.params());
      entry.put("signature", c.signature());
      entry.put("sentAt", c.sentAt().toString());
      entry.put("responseStatus", c.responseStatus());
      entry.put("responseBody", c.responseBody());
      entry.put("error", c.error());
      listing.add(entry);
    }
    return Reply.json(200, write(listing));
  }

  private static TwilioDeliveryOutcome outcome(JsonNode body) {
    String outcome = requiredText(body, "outcome");
    return switch (outcome) {
      case "delivered" -> TwilioDeliveryOutcome.delivered();
      case "undelivered" -> TwilioDeliveryOutcome.undelivered(required(body, "code"));
      case "failed" -> TwilioDeliveryOutcome.failed(required(body, "code"));
      case "none" -> TwilioDeliveryOutcome.none();
      default ->
          throw new IllegalArgumentException(
              "outcome must be delivered, undelivered, failed or none: " + outcome);
    };
  }

  private static URI optionalUrl(JsonNode body, String field) {
    if (!body.hasNonNull(field)) {
      return null;
    }
    String value = body.get(field).asText();
    if (!isHttpUrl(value)) {
      throw new IllegalArgumentException("'" + field + "' must be an http(s) URL: " + value);
    }
    return URI.create(value);
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("text field '" + field + "' is required");
    }
    return value.asText();
  }

  private boolean authentic(String accountSid, String token) {
    String expected = accounts.get(accountSid);
    // Constant-time comparison, as a real provider would do, so that the sandbox is no worse a
    // template for code that is later copied into a callback verifier.
    return expected != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private Reply notFound(IncomingRequest request) {
    return error(404, 20404, "The requested resource " + request.path() + " was not found");
  }

  private Reply error(int status, int code, String message) {
    return TwilioErrors.reply(json, status, code, message);
  }

  private Reply controlError(int status, String message) {
    return Reply.json(status, write(Map.of("error", message)));
  }

  private static String recipientMessage(int code, String to, String from) {
    return switch (code) {
      case 21211 -> "The 'To' number " + to + " is not a valid phone number.";
      case 21612 ->
          "The 'To' phone number: "
              + to
              + ", is not currently reachable using the 'From' phone number: "
              + from
              + " via SMS.";
      case 21408 ->
          "Permission to send an SMS has not been enabled for the region indicated by the 'To'"
              + " number: "
              + to
              + ".";
      default -> TwilioErrors.message(code);
    };
  }

  private static int required(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException("integer field '" + field + "' is required");
    }
    return value.asInt();
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static long ceilSeconds(Duration duration) {
    long seconds = duration.getSeconds();
    return duration.getNano() > 0 ? seconds + 1 : seconds;
  }

  private static String randomHex32() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
