package io.kilowatch.templates.domain;

import io.kilowatch.channel.Channel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Definitions and contents for tests, named for the situation. */
final class TemplateTestData {
  static final TemplateLocale EN = TemplateLocale.of("en");

  private TemplateTestData() {}

  /** A welcome notification addressed to a customer by name: the classic injection target. */
  static TemplateDefinition greeting() {
    return definition("marketing.greeting")
        .required("customerName", "Ada Lovelace")
        .required("amount", "12.50")
        .optional("meterId", "MTR-1")
        .build();
  }

  static DefinitionBuilder definition(String key) {
    return new DefinitionBuilder(key);
  }

  static TemplateContent sms(String body) {
    return content(Channel.SMS, Map.of(Part.SMS_BODY, body));
  }

  static TemplateContent email(String subject, String html, String text) {
    return content(
        Channel.EMAIL,
        Map.of(Part.EMAIL_SUBJECT, subject, Part.EMAIL_HTML, html, Part.EMAIL_TEXT, text));
  }

  static TemplateContent emailHtml(String html) {
    return email("Hello", html, "Hello");
  }

  static TemplateContent push(String title, String body) {
    return content(Channel.PUSH, Map.of(Part.PUSH_TITLE, title, Part.PUSH_BODY, body));
  }

  static TemplateContent webhook(String body) {
    return content(Channel.WEBHOOK, Map.of(Part.WEBHOOK_BODY, body));
  }

  static PreparedTemplate prepared(TemplateDefinition definition, TemplateContent content) {
    return PreparedTemplate.of(
        definition,
        TemplateVersion.draft(definition.key(), EN, 1, content, "test", java.time.Instant.EPOCH));
  }

  private static TemplateContent content(Channel channel, Map<Part, String> parts) {
    return new TemplateContent(channel, new EnumMap<>(parts));
  }

  static final class DefinitionBuilder {
    private final String key;
    private final List<VariableDeclaration> variables = new ArrayList<>();
    private TemplateLocale defaultLocale = EN;

    DefinitionBuilder(String key) {
      this.key = key;
    }

    DefinitionBuilder required(String name, String sample) {
      variables.add(new VariableDeclaration(name, name, sample, true));
      return this;
    }

    DefinitionBuilder optional(String name, String sample) {
      variables.add(new VariableDeclaration(name, name, sample, false));
      return this;
    }

    DefinitionBuilder defaultLocale(String tag) {
      defaultLocale = TemplateLocale.of(tag);
      return this;
    }

    TemplateDefinition build() {
      return new TemplateDefinition(new TemplateKey(key), defaultLocale, "test", variables);
    }
  }
}
