package io.kilowatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Firebase Cloud Messaging's HTTP v1 API, as much of it as Kilowatch uses: {@code POST
 * /v1/projects/{project}/messages:send} to one registration token. Answers in FCM's shapes ({@code
 * {"name":"projects/{project}/messages/0:..."}}, Google error JSON with {@code
 * google.firebase.fcm.v1.FcmError} details) so that the Firebase Admin SDK parses them.
 * Thread-safe.
 *
 * <p>Built-in behaviour besides the {@link FcmControl} faults:
 *
 * <ul>
 *   <li>{@code Authorization: Bearer <token>} against the configured access tokens → 401 {@code
 *       UNAUTHENTICATED} (no {@code FcmError} detail, as Google answers)
 *   <li>the body is checked like FCM checks it: unknown fields, {@code message.token} required
 *       (topics and conditions are not supported), data values must be strings and keys not
 *       reserved, {@code android.priority}, {@code android.ttl} and {@code apns-priority} must be
 *       valid → 400 {@code INVALID_ARGUMENT}
 *   <li>a token that is not 16–4096 characters of {@code [A-Za-z0-9_:-]} → 400 {@code
 *       INVALID_ARGUMENT} with a {@code google.rpc.BadRequest} violation of {@code message.token}
 *   <li>marker tokens answer like FCM does for such devices: {@code unregistered-…} → 404 {@code
 *       UNREGISTERED}, {@code invalid-…} → 400 {@code INVALID_ARGUMENT} (bad token), {@code
 *       mismatch-…} → 403 {@code SENDER_ID_MISMATCH}, {@code apns-auth-…} → 401 {@code
 *       THIRD_PARTY_AUTH_ERROR}
 *   <li>{@code "validate_only":true} → 200 with {@code projects/{project}/messages/fake_message_id}
 * </ul>
 */
final class FcmHandler implements ProviderHandler {
  static final String API_PREFIX = "/v1/projects/";

  private static final Pattern SEND_PATH = Pattern.compile("^/v1/projects/([^/]+)/messages:send$");
  private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_:-]{16,4096}$");
  private static final Pattern DURATION = Pattern.compile("^\\d{1,12}(\\.\\d{1,9})?s$");
  private static final Set<String> REQUEST_FIELDS = Set.of("message", "validate_only");
  private static final Set<String> MESSAGE_FIELDS =
      Set.of(
          "name",
          "data",
          "notification",
          "android",
          "webpush",
          "apns",
          "fcm_options",
          "token",
          "topic",
          "condition");
  private static final Set<String> RESERVED_DATA_KEYS =
      Set.of("from", "notification", "message_type");
  private static final Set<String> APNS_PRIORITIES = Set.of("1", "5", "10");
  private static final Set<String> ANDROID_PRIORITIES = Set.of("normal", "high");

  /** Token prefix → FCM error code, for tests that need a device in that state. */
  private static final Map<String, String> MARKER_TOKENS =
      Map.of(
          "unregistered-", "UNREGISTERED",
          "invalid-", "INVALID_ARGUMENT",
          "mismatch-", "SENDER_ID_MISMATCH",
          "apns-auth-", "THIRD_PARTY_AUTH_ERROR");

  private final Set<String> accessTokens;
  private final Clock clock;
  private final ObjectMapper json;
  private final FcmControl control;

  FcmHandler(Set<String> accessTokens, Clock clock, ObjectMapper json) {
    this.accessTokens = Set.copyOf(accessTokens);
    this.clock = clock;
    this.json = json;
    this.control = new FcmControl(clock);
  }

  FcmControl control() {
    return control;
  }

  @Override
  public String name() {
    return "fcm";
  }

  @Override
  public List<String> apiPathPrefixes() {
    return List.of(API_PREFIX);
  }

  @Override
  public Reply handleApi(IncomingRequest request) {
    return answer(request).delayedBy(control.latency());
  }

  private Reply answer(IncomingRequest request) {
    FcmControl.Fault fault = control.nextFault();
    if (fault != null) {
      Reply reply = FcmErrors.reply(json, fault.status(), fault.errorCode(), fault.message(), null);
      if (fault.retryAfter() != null) {
        reply = reply.withHeader("Retry-After", Long.toString(ceilSeconds(fault.retryAfter())));
      }
      return reply;
    }
    if (!authentic(request.header("authorization"))) {
      // Google's answer to a missing, expired or unknown token; the SDK's credentials adapter
      // reads error="invalid_token" as "refresh the token and try again".
      return FcmErrors.reply(json, 401, null, FcmErrors.message(null, 401), null)
          .withHeader(
              "WWW-Authenticate",
              "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    }
    Matcher send = SEND_PATH.matcher(request.path());
    if (!send.matches() || !"POST".equals(request.method())) {
      return FcmErrors.reply(
          json, 404, null, "The requested URL " + request.path() + " was not found.", null);
    }
    return send(send.group(1), request);
  }

  private Reply send(String project, IncomingRequest request) {
    JsonNode body;
    try {
      body = json.readTree(request.body());
    } catch (JsonProcessingException e) {
      return invalid("Invalid JSON payload received. " + e.getOriginalMessage(), null);
    }
    if (body == null || !body.isObject()) {
      return invalid("Invalid JSON payload received. Expected an object.", null);
    }
    String unknown = unknownField(body, REQUEST_FIELDS);
    if (unknown != null) {
      return invalid("Invalid JSON payload received. Unknown name \"" + unknown + "\"", null);
    }
    JsonNode message = body.get("message");
    if (message == null || !message.isObject()) {
      return invalid("Request contains an invalid argument.", "message");
    }
    unknown = unknownField(message, MESSAGE_FIELDS);
    if (unknown != null) {
      return invalid(
          "Invalid JSON payload received. Unknown name \"" + unknown + "\" at 'message'", null);
    }
    if (message.has("topic") || message.has("condition")) {
      return invalid("The provider sandbox supports only message.token", "message");
    }
    JsonNode token = message.get("token");
    if (token == null || token.isNull()) {
      return invalid("Recipient of the message is not set.", "message");
    }
    if (!token.isTextual() || !TOKEN.matcher(token.asText()).matches()) {
      return invalidToken();
    }
    Reply payloadProblem = checkPayload(message);
    if (payloadProblem != null) {
      return payloadProblem;
    }
    Reply marker = markerAnswer(token.asText());
    if (marker != null) {
      return marker;
    }
    JsonNode validateOnly = body.get("validate_only");
    String id =
        validateOnly != null && validateOnly.asBoolean()
            ? "fake_message_id"
            : "0:" + messageNumber() + "%" + randomHex16();
    return Reply.json(200, write(Map.of("name", "projects/" + project + "/messages/" + id)));
  }

  private Reply checkPayload(JsonNode message) {
    JsonNode data = message.get("data");
    if (data != null) {
      if (!data.isObject()) {
        return invalid("Invalid value at 'message.data'", "message.data");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String key = entry.getKey();
        String lower = key.toLowerCase(Locale.ROOT);
        if (RESERVED_DATA_KEYS.contains(lower)
            || lower.startsWith("google")
            || lower.startsWith("gcm")) {
          return invalid("Invalid data payload key: " + key, "message.data");
        }
        if (!entry.getValue().isTextual()) {
          return invalid(
              "Invalid value at 'message.data[" + key + "].value' (TYPE_STRING)", "message.data");
        }
      }
    }
    JsonNode notification = message.get("notification");
    if (notification != null) {
      if (!notification.isObject() || !textOrAbsent(notification, "title", "body", "image")) {
        return invalid("Invalid value at 'message.notification'", "message.notification");
      }
    }
    JsonNode android = message.get("android");
    if (android != null) {
      JsonNode priority = android.get("priority");
      if (priority != null
          && !ANDROID_PRIORITIES.contains(priority.asText().toLowerCase(Locale.ROOT))) {
        return invalid(
            "Invalid value at 'message.android.priority' (type.googleapis.com/"
                + "google.firebase.fcm.v1.AndroidMessagePriority), \""
                + priority.asText()
                + "\"",
            "message.android.priority");
      }
      JsonNode ttl = android.get("ttl");
      if (ttl != null && !DURATION.matcher(ttl.asText()).matches()) {
        return invalid(
            "Invalid value at 'message.android.ttl' (type.googleapis.com/google.protobuf.Duration)",
            "message.android.ttl");
      }
    }
    JsonNode apnsHeaders = message.path("apns").path("headers");
    if (!apnsHeaders.isMissingNode()) {
      JsonNode priority = apnsHeaders.get("apns-priority");
      if (priority != null && !APNS_PRIORITIES.contains(priority.asText())) {
        return invalid("Invalid APNs priority: " + priority.asText(), "message.apns.headers");
      }
    }
    return null;
  }

  private Reply markerAnswer(String token) {
    for (Map.Entry<String, String> marker : MARKER_TOKENS.entrySet()) {
      if (token.startsWith(marker.getKey())) {
        String code = marker.getValue();
        if (code.equals("INVALID_ARGUMENT")) {
          return invalidToken();
        }
        return FcmErrors.reply(
            json,
            FcmErrors.STATUS_BY_CODE.get(code),
            code,
            FcmErrors.message(code, FcmErrors.STATUS_BY_CODE.get(code)),
            null);
      }
    }
    return null;
  }

  @Override
  public Reply handleControl(String action, IncomingRequest request) {
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
      switch (action) {
        case "fail" -> fail(body);
        case "latency" -> control.latency(Duration.ofMillis(required(body, "millis")));
        case "outage" -> control.outage(Duration.ofMillis(required(body, "millis")));
        case "rate-limit" ->
            control.rateLimit(
                required(body, "permitsPerSecond"),
                Duration.ofSeconds(required(body, "retryAfterSeconds")));
        case "reset" -> control.reset();
        default -> {
          return controlError(404, "unknown action: " + action);
        }
      }
    } catch (IllegalArgumentException e) {
      return controlError(400, e.getMessage());
    }
    return Reply.empty(204);
  }

  /**
   * {@code {"count":1,"errorCode":"UNREGISTERED","status":404,"message":..,"retryAfterSeconds":..}}
   */
  private void fail(JsonNode body) {
    int count = required(body, "count");
    String errorCode = body.hasNonNull("errorCode") ? body.get("errorCode").asText() : null;
    Integer status;
    if (body.hasNonNull("status")) {
      status = required(body, "status");
    } else if (errorCode != null) {
      status = FcmErrors.STATUS_BY_CODE.get(errorCode);
      if (status == null) {
        throw new IllegalArgumentException("unknown FCM error code: " + errorCode);
      }
    } else {
      throw new IllegalArgumentException("'errorCode' or 'status' is required");
    }
    String message =
        body.hasNonNull("message")
            ? body.get("message").asText()
            : FcmErrors.message(errorCode, status);
    Duration retryAfter =
        body.hasNonNull("retryAfterSeconds")
            ? Duration.ofSeconds(required(body, "retryAfterSeconds"))
            : status == 429 ? Duration.ofSeconds(1) : null;
    control.failNext(count, status, errorCode, message, retryAfter);
  }

  private boolean authentic(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (String token : accessTokens) {
      // Constant-time per candidate, as a real provider would compare secrets.
      match |= MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented);
    }
    return match;
  }

  private Reply invalid(String message, String field) {
    return FcmErrors.reply(json, 400, "INVALID_ARGUMENT", message, field);
  }

  private Reply invalidToken() {
    return invalid(FcmErrors.INVALID_TOKEN_MESSAGE, "message.token");
  }

  private Reply controlError(int status, String message) {
    return Reply.json(status, write(Map.of("error", message)));
  }

  private static String unknownField(JsonNode node, Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        return name;
      }
    }
    return null;
  }

  private static boolean textOrAbsent(JsonNode node, String... fields) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (value != null && !value.isNull() && !value.isTextual()) {
        return false;
      }
    }
    return true;
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

  /** FCM ids start with the send time in microseconds, e.g. {@code 0:1500415314455276%31bd...}. */
  private long messageNumber() {
    return clock.millis() * 1000 + ThreadLocalRandom.current().nextInt(1000);
  }

  private static long ceilSeconds(Duration duration) {
    long seconds = duration.getSeconds();
    return duration.getNano() > 0 ? seconds + 1 : seconds;
  }

  private static String randomHex16() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }
}
