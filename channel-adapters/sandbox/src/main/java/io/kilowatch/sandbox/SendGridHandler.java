package io.kilowatch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SendGrid's v3 Mail Send API, as much of it as Kilowatch uses: {@code POST /v3/mail/send}. Answers
 * like SendGrid ({@code 202} with an empty body and {@code X-Message-Id}; errors as {@code
 * {"errors":[{"message":..,"field":..,"help":..}]}}) so that the real SendGrid SDK and our
 * classification see what production would show them. Thread-safe.
 *
 * <p>Built-in behaviour besides the {@link SendGridControl} faults: {@code Authorization: Bearer}
 * against the configured API keys (401); payloads over 30 MB (413); a body that is not a JSON
 * object (400); and SendGrid's payload validation, every violation reported with its {@code field}:
 * personalizations with a {@code to} of valid addresses, {@code from.email}, a subject (top level
 * or in every personalization), content blocks with type and value and text/plain before text/html,
 * at most 10 categories of at most 255 characters, string values in {@code custom_args} and {@code
 * headers}. A {@code template_id} lifts the subject and content rules.
 */
final class SendGridHandler implements ProviderHandler {
  static final String API_PREFIX = "/v3/";
  static final String MAIL_SEND_PATH = "/v3/mail/send";
  static final int MAX_PAYLOAD_BYTES = 30 * 1024 * 1024;

  // Deliberately loose, like SendGrid's own check: one @, something on both sides, a dot after it.
  private static final Pattern EMAIL =
      Pattern.compile("^[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:.]+$");

  private final List<byte[]> apiKeys;
  private final Clock clock;
  private final ObjectMapper json;
  private final SendGridEvents events;
  private final SendGridControl control;

  SendGridHandler(Set<String> apiKeys, KeyPair eventKeys, Clock clock, ObjectMapper json) {
    this.apiKeys = apiKeys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    this.clock = clock;
    this.json = json;
    this.events = new SendGridEvents(clock, json, eventKeys);
    this.control = new SendGridControl(clock, events);
  }

  SendGridControl control() {
    return control;
  }

  @Override
  public String name() {
    return "sendgrid";
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
    SendGridControl.Fault fault = control.nextFault();
    if (fault != null) {
      return faultReply(fault);
    }
    if (!authentic(request.header("authorization"))) {
      return error(401, SendGridErrors.Error.of(SendGridErrors.UNAUTHORIZED));
    }
    if (!MAIL_SEND_PATH.equals(request.path())) {
      return error(404, SendGridErrors.Error.of("Not Found"));
    }
    if (!"POST".equals(request.method())) {
      return error(405, SendGridErrors.Error.of("Method Not Allowed"));
    }
    // A char is at most 3 UTF-8 bytes, so only long bodies need encoding to be measured.
    if (request.body().length() * 3L > MAX_PAYLOAD_BYTES
        && request.body().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      return error(413, SendGridErrors.Error.of(SendGridErrors.TOO_LARGE));
    }
    JsonNode mail;
    try {
      mail = json.readTree(request.body());
    } catch (JsonProcessingException e) {
      mail = null;
    }
    if (mail == null || !mail.isObject()) {
      return error(400, SendGridErrors.Error.of(SendGridErrors.NOT_JSON));
    }
    List<SendGridErrors.Error> errors = validate(mail);
    if (!errors.isEmpty()) {
      return SendGridErrors.reply(json, 400, errors);
    }
    String messageId = SendGridEvents.randomId();
    events.mailAccepted(messageId, mail);
    return Reply.empty(202).withHeader("X-Message-Id", messageId);
  }

  private Reply faultReply(SendGridControl.Fault fault) {
    Reply reply =
        error(fault.status(), new SendGridErrors.Error(fault.message(), fault.field(), null));
    if (fault.retryAfter() != null) {
      long seconds = ceilSeconds(fault.retryAfter());
      reply = reply.withHeader("Retry-After", Long.toString(seconds));
      if (fault.rateLimitLimit() != null) {
        long reset = clock.instant().getEpochSecond() + seconds;
        reply =
            reply
                .withHeader("X-RateLimit-Limit", fault.rateLimitLimit().toString())
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(reset));
      }
    }
    return reply;
  }

  /** Every rule SendGrid applies to the fields Kilowatch sends; all violations at once. */
  private static List<SendGridErrors.Error> validate(JsonNode mail) {
    List<SendGridErrors.Error> errors = new ArrayList<>();
    boolean template = !mail.path("template_id").asText("").isBlank();
    JsonNode personalizations = mail.path("personalizations");
    boolean everyPersonalizationHasSubject = personalizations.size() > 0;
    if (!personalizations.isArray() || personalizations.isEmpty()) {
      errors.add(
          new SendGridErrors.Error(
              SendGridErrors.NO_PERSONALIZATIONS,
              "personalizations",
              SendGridErrors.HELP_PERSONALIZATIONS));
      everyPersonalizationHasSubject = false;
    } else {
      for (int i = 0; i < personalizations.size(); i++) {
        JsonNode personalization = personalizations.get(i);
        String prefix = "personalizations." + i;
        JsonNode to = personalization.path("to");
        if (!to.isArray() || to.isEmpty()) {
          errors.add(
              new SendGridErrors.Error(
                  SendGridErrors.NO_TO, prefix + ".to", SendGridErrors.HELP_PERSONALIZATIONS));
        }
        for (String kind : List.of("to", "cc", "bcc")) {
          JsonNode addresses = personalization.path(kind);
          for (int j = 0; j < addresses.size(); j++) {
            if (!validEmail(addresses.get(j).path("email"))) {
              errors.add(
                  new SendGridErrors.Error(
                      SendGridErrors.INVALID_ADDRESS,
                      prefix + "." + kind + "." + j + ".email",
                      SendGridErrors.HELP_PERSONALIZATIONS));
            }
          }
        }
        if (personalization.path("subject").asText("").isBlank()) {
          everyPersonalizationHasSubject = false;
        }
        stringValues(personalization.path("custom_args"), prefix + ".custom_args", errors);
        stringValues(personalization.path("headers"), prefix + ".headers", errors);
      }
    }
    JsonNode from = mail.path("from");
    if (from.path("email").asText("").isBlank()) {
      errors.add(
          new SendGridErrors.Error(SendGridErrors.NO_FROM, "from.email", SendGridErrors.HELP_FROM));
    } else if (!validEmail(from.path("email"))) {
      errors.add(
          new SendGridErrors.Error(
              SendGridErrors.INVALID_FROM, "from.email", SendGridErrors.HELP_FROM));
    }
    if (!template && mail.path("subject").asText("").isBlank() && !everyPersonalizationHasSubject) {
      errors.add(
          new SendGridErrors.Error(
              SendGridErrors.NO_SUBJECT, "subject", SendGridErrors.HELP_SUBJECT));
    }
    validateContent(mail.path("content"), template, errors);
    validateCategories(mail.path("categories"), errors);
    stringValues(mail.path("custom_args"), "custom_args", errors);
    stringValues(mail.path("headers"), "headers", errors);
    return errors;
  }

  private static void validateContent(
      JsonNode content, boolean template, List<SendGridErrors.Error> errors) {
    if (!content.isArray() || content.isEmpty()) {
      if (!template) {
        errors.add(
            new SendGridErrors.Error(
                SendGridErrors.NO_CONTENT, "content", SendGridErrors.HELP_CONTENT));
      }
      return;
    }
    int plain = -1;
    int html = -1;
    boolean duplicate = false;
    for (int k = 0; k < content.size(); k++) {
      JsonNode block = content.get(k);
      String type = block.path("type").asText("");
      if (type.isBlank()) {
        errors.add(
            new SendGridErrors.Error(
                SendGridErrors.CONTENT_TYPE,
                "content." + k + ".type",
                SendGridErrors.HELP_CONTENT));
      }
      if (!block.path("value").isTextual() || block.path("value").asText().isEmpty()) {
        errors.add(
            new SendGridErrors.Error(
                SendGridErrors.CONTENT_VALUE,
                "content." + k + ".value",
                SendGridErrors.HELP_CONTENT));
      }
      if ("text/plain".equals(type)) {
        duplicate |= plain >= 0;
        plain = k;
      } else if ("text/html".equals(type)) {
        duplicate |= html >= 0;
        html = k;
      }
    }
    if (duplicate || (plain >= 0 && html >= 0 && plain > html)) {
      errors.add(
          new SendGridErrors.Error(
              SendGridErrors.CONTENT_ORDER, "content", SendGridErrors.HELP_CONTENT));
    }
  }

  private static void validateCategories(JsonNode categories, List<SendGridErrors.Error> errors) {
    if (categories.size() > 10) {
      errors.add(
          new SendGridErrors.Error(
              SendGridErrors.CATEGORIES_TOO_MANY, "categories", SendGridErrors.HELP_CATEGORIES));
    }
    for (int k = 0; k < categories.size(); k++) {
      if (categories.get(k).asText("").length() > 255) {
        errors.add(
            new SendGridErrors.Error(
                SendGridErrors.CATEGORY_TOO_LONG,
                "categories." + k,
                SendGridErrors.HELP_CATEGORIES));
      }
    }
  }

  private static void stringValues(
      JsonNode object, String field, List<SendGridErrors.Error> errors) {
    object
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                boolean args = field.endsWith("custom_args");
                errors.add(
                    new SendGridErrors.Error(
                        String.format(
                            args
                                ? SendGridErrors.CUSTOM_ARGS_STRINGS
                                : SendGridErrors.HEADERS_STRINGS,
                            e.getValue().getNodeType().name().toLowerCase(Locale.ROOT)),
                        field + "." + e.getKey(),
                        args ? SendGridErrors.HELP_CUSTOM_ARGS : SendGridErrors.HELP_HEADERS));
              }
            });
  }

  private static boolean validEmail(JsonNode email) {
    return email.isTextual() && EMAIL.matcher(email.asText()).matches();
  }

  @Override
  public Reply handleControl(String action, IncomingRequest request) {
    if ("GET".equals(request.method())) {
      return switch (action) {
        case "event-webhook" -> eventWebhookSettings();
        case "deliveries" -> Reply.json(200, write(control.events().deliveries()));
        default -> controlError(405, "use POST");
      };
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
      switch (action) {
        case "fail" -> {
          int status = required(body, "status");
          String message =
              body.hasNonNull("message")
                  ? body.get("message").asText()
                  : SendGridControl.defaultMessage(status);
          String field = body.hasNonNull("field") ? body.get("field").asText() : null;
          control.failNext(required(body, "count"), status, message, field);
        }
        case "latency" -> control.latency(Duration.ofMillis(required(body, "millis")));
        case "outage" -> control.outage(Duration.ofMillis(required(body, "millis")));
        case "rate-limit" ->
            control.rateLimit(
                required(body, "permitsPerSecond"),
                Duration.ofSeconds(required(body, "retryAfterSeconds")));
        case "reset" -> control.reset();
        case "event-webhook" -> {
          String url = body.hasNonNull("url") ? body.get("url").asText() : null;
          control.events().webhook(url == null || url.isBlank() ? null : URI.create(url));
          if (body.has("delayMillis")) {
            control.events().delay(Duration.ofMillis(required(body, "delayMillis")));
          }
        }
        case "emit" -> {
          // Answered at once; the webhook POST follows asynchronously (handlers never block).
          control.events().emit(requiredText(body, "event"), requiredText(body, "email"));
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

  private Reply eventWebhookSettings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    URI url = control.events().webhookUrl();
    settings.put("url", url == null ? null : url.toString());
    settings.put("publicKey", control.events().publicKey());
    return Reply.json(200, write(settings));
  }

  private boolean authentic(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] key : apiKeys) {
      // Constant time per key, as a real provider would compare secrets.
      match |= MessageDigest.isEqual(key, presented);
    }
    return match;
  }

  private Reply error(int status, SendGridErrors.Error error) {
    return SendGridErrors.reply(json, status, error);
  }

  private Reply controlError(int status, String message) {
    return Reply.json(status, write(Map.of("error", message)));
  }

  private static int required(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException("integer field '" + field + "' is required");
    }
    return value.asInt();
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("text field '" + field + "' is required");
    }
    return value.asText();
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
}
