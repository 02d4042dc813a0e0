package io.kilowatch.delivery.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.platform.web.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one trigger request (or one bulk item) from JSON, field by field, naming every invalid
 * field. Pure; thread-safe.
 */
final class TriggerRequests {
  /** What callers may request: not {@code account} (verification codes come from preferences). */
  static final List<String> CATEGORY_NAMES =
      Arrays.stream(NotificationCategory.values())
          .filter(c -> c != NotificationCategory.ACCOUNT)
          .map(NotificationCategory::wireName)
          .toList();

  private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern TEMPLATE_KEY = Pattern.compile("[a-z0-9-]+(\\.[a-z0-9-]+)+");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Set<String> FIELDS =
      Set.of(
          "customerId", "customerIds", "category", "templateKey", "data", "channels", "priority");

  private TriggerRequests() {}

  /**
   * A valid request.
   *
   * @param customerIds the recipients, in the order given, no repeats
   * @param channels the requested channels in order; empty = each customer's preferences
   */
  record Item(
      List<String> customerIds,
      NotificationCategory category,
      String templateKey,
      Map<String, String> data,
      List<String> channels,
      NotificationPriority priority) {}

  /**
   * The outcome of reading: an item, or the errors (400), or a category outside the key's scope
   * (403, {@code forbidden} names the field).
   */
  record Parsed(Item item, List<FieldError> errors, FieldError forbidden) {
    boolean valid() {
      return item != null;
    }
  }

  static NotificationCategory category(String wire) {
    return CATEGORY_NAMES.contains(wire) ? NotificationCategory.fromWire(wire) : null;
  }

  /**
   * @param node the JSON of the request
   * @param path prefix of field names: empty for a single request, {@code notifications[3].} for a
   *     bulk item
   * @param scope the categories the caller's key may request
   * @param maxRecipients how many customers one request may name
   */
  static Parsed parse(
      JsonNode node, String path, Set<NotificationCategory> scope, int maxRecipients) {
    List<FieldError> errors = new ArrayList<>();
    if (node == null || !node.isObject()) {
      String field = path.isEmpty() ? "body" : path.substring(0, path.length() - 1);
      return new Parsed(null, List.of(new FieldError(field, "must be a JSON object")), null);
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        errors.add(new FieldError(path + field, "unknown field"));
      }
    }
    List<String> customers = customers(node, path, maxRecipients, errors);

    NotificationCategory category = null;
    JsonNode c = node.get("category");
    if (c == null || c.isNull()) {
      errors.add(new FieldError(path + "category", "required; one of " + CATEGORY_NAMES));
    } else if (!c.isTextual() || category(c.textValue()) == null) {
      errors.add(new FieldError(path + "category", "unknown category; one of " + CATEGORY_NAMES));
    } else {
      category = category(c.textValue());
      if (!scope.contains(category)) {
        return new Parsed(
            null,
            List.of(),
            new FieldError(
                path + "category",
                "this API key may not request category "
                    + category.wireName()
                    + "; it may request "
                    + scope.stream().sorted().map(NotificationCategory::wireName).toList()));
      }
    }

    String templateKey = null;
    JsonNode t = node.get("templateKey");
    if (t == null || t.isNull()) {
      errors.add(new FieldError(path + "templateKey", "required"));
    } else if (!t.isTextual()
        || t.textValue().length() > 200
        || !TEMPLATE_KEY.matcher(t.textValue()).matches()) {
      errors.add(
          new FieldError(
              path + "templateKey",
              "must be a template key such as billing.bill-issued (lower case, dotted)"));
    } else if (category != null && !t.textValue().startsWith(category.wireName() + ".")) {
      errors.add(
          new FieldError(
              path + "templateKey",
              "template " + t.textValue() + " is not of category " + category.wireName()));
    } else {
      templateKey = t.textValue();
    }

    Map<String, String> data = new LinkedHashMap<>();
    JsonNode d = node.get("data");
    if (d != null && !d.isNull()) {
      if (!d.isObject()) {
        errors.add(new FieldError(path + "data", "must be an object of text values"));
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!VARIABLE.matcher(e.getKey()).matches()) {
            errors.add(new FieldError(path + "data." + e.getKey(), "not a variable name"));
          } else if (!e.getValue().isTextual() || e.getValue().textValue().length() > 2000) {
            errors.add(
                new FieldError(
                    path + "data." + e.getKey(),
                    "must be text of at most 2000 characters (format numbers with their units)"));
          } else {
            data.put(e.getKey(), e.getValue().textValue());
          }
        }
      }
    }

    List<String> channels = new ArrayList<>();
    JsonNode ch = node.get("channels");
    if (ch != null && !ch.isNull()) {
      if (!ch.isArray()) {
        errors.add(new FieldError(path + "channels", "must be a list of channels"));
      } else {
        for (int i = 0; i < ch.size(); i++) {
          JsonNode one = ch.get(i);
          String name =
              one.isTextual() ? one.textValue().toLowerCase(Locale.ROOT) : String.valueOf(one);
          if (!one.isTextual() || !NotificationRequested.CHANNELS.contains(name)) {
            errors.add(
                new FieldError(
                    path + "channels[" + i + "]",
                    "unknown channel; one of " + NotificationRequested.CHANNELS));
          } else if (channels.contains(name)) {
            errors.add(new FieldError(path + "channels[" + i + "]", "named twice"));
          } else {
            channels.add(name);
          }
        }
      }
    }

    NotificationPriority priority = NotificationPriority.NORMAL;
    JsonNode p = node.get("priority");
    if (p != null && !p.isNull()) {
      if (!p.isTextual() || !List.of("normal", "critical").contains(p.textValue())) {
        errors.add(new FieldError(path + "priority", "must be normal or critical"));
      } else {
        priority = NotificationPriority.fromWire(p.textValue());
      }
    }
    if (!errors.isEmpty()) {
      return new Parsed(null, errors, null);
    }
    return new Parsed(
        new Item(customers, category, templateKey, data, channels, priority), List.of(), null);
  }

  private static List<String> customers(
      JsonNode node, String path, int maxRecipients, List<FieldError> errors) {
    JsonNode one = node.get("customerId");
    JsonNode many = node.get("customerIds");
    boolean hasOne = one != null && !one.isNull();
    boolean hasMany = many != null && !many.isNull();
    if (hasOne && hasMany) {
      errors.add(new FieldError(path + "customerIds", "give customerId or customerIds, not both"));
      return List.of();
    }
    if (!hasOne && !hasMany) {
      errors.add(new FieldError(path + "customerId", "required (or customerIds, a list)"));
      return List.of();
    }
    if (hasOne) {
      if (!one.isTextual() || !CUSTOMER_ID.matcher(one.textValue()).matches()) {
        errors.add(new FieldError(path + "customerId", "must be 1-64 of A-Z a-z 0-9 . _ -"));
        return List.of();
      }
      return List.of(one.textValue());
    }
    if (!many.isArray()) {
      errors.add(new FieldError(path + "customerIds", "must be a list of customer ids"));
      return List.of();
    }
    if (many.isEmpty()) {
      errors.add(new FieldError(path + "customerIds", "must name at least one customer"));
      return List.of();
    }
    if (many.size() > maxRecipients) {
      errors.add(
          new FieldError(
              path + "customerIds",
              "at most " + maxRecipients + " customers per request, got " + many.size()));
      return List.of();
    }
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < many.size(); i++) {
      JsonNode id = many.get(i);
      if (!id.isTextual() || !CUSTOMER_ID.matcher(id.textValue()).matches()) {
        errors.add(
            new FieldError(path + "customerIds[" + i + "]", "must be 1-64 of A-Z a-z 0-9 . _ -"));
      } else if (!ids.add(id.textValue())) {
        errors.add(new FieldError(path + "customerIds[" + i + "]", "named twice"));
      }
    }
    return List.copyOf(ids);
  }
}
