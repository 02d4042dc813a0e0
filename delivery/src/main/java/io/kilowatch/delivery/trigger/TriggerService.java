package io.kilowatch.delivery.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kilowatch.channel.Channel;
import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.messaging.Outbox;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.kilowatch.templates.MissingTemplateVariableException;
import io.kilowatch.templates.TemplateNotFoundException;
import io.kilowatch.templates.TemplateRenderException;
import io.kilowatch.templates.TemplateRenderer;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger API's use cases: validate a request from a retailer's system, publish one {@code
 * NotificationRequested} per customer through the outbox (so it takes the same route as every other
 * notification: consent, preferences, dedupe), and answer with the notification ids.
 *
 * <p>{@code Idempotency-Key} (Stripe's semantics, per API key): the first request that completes
 * stores its answer with a hash of its method, path and canonical body, in the same transaction as
 * its events. Within the TTL the same key with the same body gets the stored answer (status and
 * body, byte for byte) and publishes nothing; with a different body it gets 422. A request that
 * fails validation stores nothing (it changed nothing; it can be corrected and sent again with the
 * same key). Two concurrent requests with the same key: the second waits on the first's row lock
 * (PostgreSQL unique index) and then gets the first one's answer, or 422 if its body differs.
 * Thread-safe.
 */
@Singleton
public class TriggerService {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerService.class);
  static final String SOURCE = "/kilowatch/delivery/trigger";
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private static final ObjectMapper CANONICAL =
      EventCodec.mapper().copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final TriggerMapper mapper;
  private final Outbox outbox;
  private final TemplateRenderer templates;
  private final TriggerSettings settings;
  private final Clock clock;

  TriggerService(
      TriggerMapper mapper,
      Outbox outbox,
      TemplateRenderer templates,
      TriggerSettings settings,
      Clock clock) {
    this.mapper = mapper;
    this.outbox = outbox;
    this.templates = templates;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Who calls: the API key's id and the categories it may request.
   *
   * @param apiKeyId idempotency keys are scoped to it
   * @param scope the key's categories
   */
  public record Caller(String apiKeyId, Set<NotificationCategory> scope) {}

  /**
   * An answer, kept as its exact JSON so that a replay is identical.
   *
   * @param replayed true when it is the stored answer of an earlier request with the same key
   */
  public record Answer(int status, String body, boolean replayed) {}

  /** {@code POST /api/v1/notifications}: one customer or a list; all or nothing. */
  @Transactional
  public Answer single(Caller caller, String idempotencyKey, byte[] rawBody) {
    JsonNode body = read(rawBody);
    byte[] hash = requestHash("POST /api/v1/notifications", body);
    Optional<Answer> earlier = earlierAnswer(caller, idempotencyKey, hash);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    TriggerRequests.Parsed parsed =
        TriggerRequests.parse(body, "", caller.scope(), settings.getMaxRecipients());
    if (parsed.forbidden() != null) {
      throw new InvalidInputException(HttpStatus.FORBIDDEN, List.of(parsed.forbidden()));
    }
    if (!parsed.valid()) {
      throw new InvalidInputException(parsed.errors());
    }
    List<FieldError> templateErrors = checkTemplate(parsed.item(), "");
    if (!templateErrors.isEmpty()) {
      throw new InvalidInputException(templateErrors);
    }
    Instant now = clock.instant();
    List<EventEnvelope<NotificationRequested>> events = events(parsed.item(), now);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("notifications", created(events));
    return complete(caller, idempotencyKey, hash, HttpStatus.ACCEPTED.getCode(), answer, events);
  }

  /**
   * {@code POST /api/v1/notifications/bulk}: each item on its own; valid items are accepted,
   * invalid ones get their errors (field names prefixed with {@code notifications[i].}), and no
   * item is half done.
   */
  @Transactional
  public Answer bulk(Caller caller, String idempotencyKey, byte[] rawBody) {
    JsonNode body = read(rawBody);
    byte[] hash = requestHash("POST /api/v1/notifications/bulk", body);
    Optional<Answer> earlier = earlierAnswer(caller, idempotencyKey, hash);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    List<FieldError> errors = new ArrayList<>();
    if (!body.isObject()) {
      throw InvalidInputException.of("body", "must be a JSON object with notifications");
    }
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!f.equals("notifications")) {
                errors.add(new FieldError(f, "unknown field"));
              }
            });
    JsonNode items = body.get("notifications");
    if (items == null || !items.isArray() || items.isEmpty()) {
      errors.add(new FieldError("notifications", "required: a non-empty list of notifications"));
    } else if (items.size() > settings.getMaxBulkItems()) {
      errors.add(
          new FieldError(
              "notifications",
              "at most " + settings.getMaxBulkItems() + " items per request, got " + items.size()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Instant now = clock.instant();
    List<Map<String, Object>> results = new ArrayList<>();
    List<EventEnvelope<NotificationRequested>> all = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < items.size(); i++) {
      String path = "notifications[" + i + "].";
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("index", i);
      TriggerRequests.Parsed parsed =
          TriggerRequests.parse(items.get(i), path, caller.scope(), settings.getMaxRecipients());
      List<FieldError> itemErrors =
          parsed.valid() ? checkTemplate(parsed.item(), path) : parsed.errors();
      if (parsed.forbidden() != null) {
        result.put("status", HttpStatus.FORBIDDEN.getCode());
        result.put("errors", List.of(error(parsed.forbidden())));
      } else if (!itemErrors.isEmpty()) {
        result.put("status", HttpStatus.BAD_REQUEST.getCode());
        result.put("errors", itemErrors.stream().map(TriggerService::error).toList());
      } else {
        List<EventEnvelope<NotificationRequested>> events = events(parsed.item(), now);
        all.addAll(events);
        accepted++;
        result.put("status", HttpStatus.ACCEPTED.getCode());
        result.put("notifications", created(events));
      }
      results.add(result);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", accepted);
    answer.put("rejected", items.size() - accepted);
    answer.put("results", results);
    return complete(caller, idempotencyKey, hash, HttpStatus.OK.getCode(), answer, all);
  }

  /** Forgets idempotency records past their TTL (claiming an expired key replaces it anyway). */
  @Scheduled(fixedDelay = "1h", initialDelay = "5m")
  @Transactional
  void purgeExpired() {
    int purged = mapper.purgeExpired(clock.instant());
    if (purged > 0) {
      LOG.info("purged {} expired idempotency records", purged);
    }
  }

  private Answer complete(
      Caller caller,
      String idempotencyKey,
      byte[] hash,
      int status,
      Map<String, Object> answer,
      List<EventEnvelope<NotificationRequested>> events) {
    String json = json(answer);
    if (idempotencyKey != null) {
      Instant now = clock.instant();
      int claimed =
          mapper.claimIdempotencyKey(
              caller.apiKeyId(),
              idempotencyKey,
              hash,
              status,
              json,
              now,
              now.plus(settings.getIdempotencyTtl()));
      if (claimed == 0) {
        // a concurrent request with the same key committed first: its answer stands
        return earlierAnswer(caller, idempotencyKey, hash)
            .orElseThrow(() -> new IllegalStateException("idempotency record vanished"));
      }
    }
    outbox.appendAll(events);
    return new Answer(status, json, false);
  }

  /** The stored answer for the key, 422 if it was used with another body, empty if unused. */
  private Optional<Answer> earlierAnswer(Caller caller, String idempotencyKey, byte[] hash) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw InvalidInputException.of(
          IDEMPOTENCY_HEADER, "must be 1-255 visible ASCII characters (a UUID is a good choice)");
    }
    Instant now = clock.instant();
    Optional<TriggerMapper.IdempotencyRow> row =
        mapper.idempotencyRecord(caller.apiKeyId(), idempotencyKey).stream()
            .filter(r -> r.expiresAt().isAfter(now))
            .findFirst();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(row.get().requestHash(), hash)) {
      throw new InvalidInputException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          List.of(
              new FieldError(
                  IDEMPOTENCY_HEADER,
                  "was already used with a different request (at "
                      + row.get().createdAt()
                      + "); use a new key for a new request")));
    }
    return Optional.of(new Answer(row.get().responseStatus(), row.get().responseBody(), true));
  }

  /**
   * Whether the template can render for this request: published on the requested channels (or on at
   * least one channel when none is requested), with every required variable in {@code data}.
   * Renders in the key's default locale from the templates module's memory.
   */
  private List<FieldError> checkTemplate(TriggerRequests.Item item, String path) {
    List<String> channels =
        item.channels().isEmpty() ? NotificationRequested.CHANNELS : item.channels();
    List<FieldError> errors = new ArrayList<>();
    Set<String> missingVariables = new LinkedHashSet<>();
    int published = 0;
    for (int i = 0; i < channels.size(); i++) {
      Channel channel = Channel.valueOf(channels.get(i).toUpperCase(Locale.ROOT));
      try {
        templates.render(item.templateKey(), channel, (String) null, item.data());
        published++;
      } catch (MissingTemplateVariableException e) {
        published++;
        missingVariables.addAll(e.variables());
      } catch (TemplateNotFoundException e) {
        if (!item.channels().isEmpty()) {
          errors.add(
              new FieldError(
                  path + "channels[" + i + "]",
                  "template "
                      + item.templateKey()
                      + " has no published version on "
                      + channel.wireName()));
        }
      } catch (TemplateRenderException | IllegalArgumentException e) {
        errors.add(new FieldError(path + "templateKey", "cannot be rendered: " + e.getMessage()));
        return errors;
      }
    }
    if (published == 0 && item.channels().isEmpty()) {
      errors.add(
          new FieldError(
              path + "templateKey",
              "no published template " + item.templateKey() + " on any channel"));
    }
    for (String variable : missingVariables) {
      errors.add(new FieldError(path + "data." + variable, "required by the template"));
    }
    return errors;
  }

  private static List<EventEnvelope<NotificationRequested>> events(
      TriggerRequests.Item item, Instant now) {
    List<EventEnvelope<NotificationRequested>> events = new ArrayList<>();
    for (String customerId : item.customerIds()) {
      String id = UUID.randomUUID().toString();
      events.add(
          EventEnvelope.of(
              EventTypes.NOTIFICATION_REQUESTED,
              SOURCE,
              now,
              "customer/" + customerId,
              new NotificationRequested(
                  id,
                  customerId,
                  item.category(),
                  item.priority(),
                  item.templateKey(),
                  "trigger:" + id,
                  item.data(),
                  now,
                  item.channels())));
    }
    return events;
  }

  private static List<Map<String, String>> created(
      List<EventEnvelope<NotificationRequested>> events) {
    return events.stream()
        .map(
            e -> {
              Map<String, String> m = new LinkedHashMap<>();
              m.put("customerId", e.data().customerId());
              m.put("notificationId", e.data().notificationId());
              return m;
            })
        .toList();
  }

  private static Map<String, String> error(FieldError e) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("field", e.field());
    m.put("message", e.message());
    return m;
  }

  private static JsonNode read(byte[] rawBody) {
    if (rawBody == null || rawBody.length == 0) {
      throw InvalidInputException.of("body", "a JSON object is required");
    }
    try {
      JsonNode node = CANONICAL.readTree(rawBody);
      if (node == null || node.isMissingNode()) {
        throw InvalidInputException.of("body", "a JSON object is required");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw InvalidInputException.of("body", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw InvalidInputException.of("body", "cannot be read: " + e.getMessage());
    }
  }

  /** SHA-256 over method, path and the body with object keys sorted (formatting ignored). */
  static byte[] requestHash(String route, JsonNode body) {
    try {
      Object plain = CANONICAL.treeToValue(body, Object.class);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(route.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      return sha.digest(CANONICAL.writeValueAsBytes(plain));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the request", e);
    }
  }

  private static String json(Object answer) {
    try {
      return CANONICAL.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer", e);
    }
  }
}
