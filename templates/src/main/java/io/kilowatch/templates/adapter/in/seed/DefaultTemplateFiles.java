package io.kilowatch.templates.adapter.in.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.channel.Channel;
import io.kilowatch.templates.application.DefaultTemplate;
import io.kilowatch.templates.domain.TemplateContent;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateKey;
import io.kilowatch.templates.domain.TemplateLocale;
import io.kilowatch.templates.domain.VariableDeclaration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The templates Kilowatch ships, one JSON file per key in {@code templates/defaults/}: the key's
 * definition and, per locale and channel, the parts. A part is a string, or an array of lines
 * (joined with newlines); a webhook {@code body} may be written as a JSON object.
 */
final class DefaultTemplateFiles {
  /** Every key the rules engine and the billing side request notifications for. */
  static final List<String> KEYS =
      List.of(
          "usage.daily-threshold-crossed",
          "usage.weekly-threshold-crossed",
          "usage.billing-period-threshold-crossed",
          "usage.above-baseline",
          "cost.projected-bill-above-budget",
          "cost.period-to-date-above",
          "price.above-threshold",
          "price.below-threshold",
          "price.day-ahead-digest",
          "outage.suspected",
          "outage.cleared",
          "billing.bill-issued",
          "billing.payment-due",
          "billing.payment-overdue",
          // digests (delivery's digest windows): several notifications of a category in one
          "price.digest",
          "usage.digest",
          "cost.digest",
          // preference-service's verification codes for new phone numbers and email addresses
          "account.verification-code");

  private static final ObjectMapper JSON = new ObjectMapper();

  private DefaultTemplateFiles() {}

  static List<DefaultTemplate> load() {
    return KEYS.stream().map(DefaultTemplateFiles::load).toList();
  }

  static DefaultTemplate load(String key) {
    String path = "templates/defaults/" + key + ".json";
    try (InputStream in = DefaultTemplateFiles.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing default template file " + path);
      }
      return parse(JSON.readTree(in), key);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable default template file " + path, e);
    }
  }

  static DefaultTemplate parse(JsonNode file, String expectedKey) throws IOException {
    String key = file.path("key").asText();
    if (!key.equals(expectedKey)) {
      throw new IllegalStateException("file of " + expectedKey + " declares key " + key);
    }
    List<VariableDeclaration> variables = new ArrayList<>();
    for (JsonNode v : file.path("variables")) {
      variables.add(
          new VariableDeclaration(
              v.path("name").asText(),
              v.path("description").asText(""),
              v.path("sample").asText(),
              v.path("required").asBoolean(true)));
    }
    TemplateDefinition definition =
        new TemplateDefinition(
            new TemplateKey(key),
            TemplateLocale.of(file.path("defaultLocale").asText()),
            file.path("description").asText(""),
            variables);
    List<DefaultTemplate.Version> versions = new ArrayList<>();
    var locales = file.path("templates").fields();
    while (locales.hasNext()) {
      var locale = locales.next();
      var channels = locale.getValue().fields();
      while (channels.hasNext()) {
        var channel = channels.next();
        Channel c = Channel.valueOf(channel.getKey().toUpperCase(Locale.ROOT));
        Map<String, String> parts = new LinkedHashMap<>();
        var named = channel.getValue().fields();
        while (named.hasNext()) {
          var part = named.next();
          parts.put(part.getKey(), text(part.getValue()));
        }
        versions.add(
            new DefaultTemplate.Version(
                TemplateLocale.of(locale.getKey()), TemplateContent.fromWireNames(c, parts)));
      }
    }
    return new DefaultTemplate(definition, versions);
  }

  private static String text(JsonNode part) throws IOException {
    if (part.isTextual()) {
      return part.textValue();
    }
    if (part.isArray()) {
      List<String> lines = new ArrayList<>();
      part.forEach(line -> lines.add(line.asText()));
      return String.join("\n", lines);
    }
    if (part.isObject()) {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(part);
    }
    throw new IllegalStateException("a part must be a string, lines or a JSON object: " + part);
  }
}
