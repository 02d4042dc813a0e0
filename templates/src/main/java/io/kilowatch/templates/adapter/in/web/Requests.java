package io.kilowatch.templates.adapter.in.web;

import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies; loosely typed so that a wrong type is a 400 naming the field. */
final class Requests {
  private Requests() {}

  /**
   * Body of {@code PUT /api/v1/templates/{key}}.
   *
   * @param defaultLocale e.g. {@code en}
   * @param description what the notification is about
   * @param variables {@code
   *     [{"name":"day","description":"…","sample":"2026-07-15","required":true}]}
   */
  record DefineTemplate(JsonNode defaultLocale, JsonNode description, JsonNode variables) {}

  /**
   * Body of {@code POST /api/v1/templates/{key}/{channel}/{locale}/versions}.
   *
   * @param parts part name → template source
   */
  record CreateVersion(JsonNode parts) {}

  /**
   * Body of {@code POST /api/v1/templates/preview}.
   *
   * @param key template key
   * @param channel sms, email, push or webhook
   * @param locale asked-for locale; absent for the key's default
   * @param version an exact version of {@code locale}; absent for the published one (with fallback)
   * @param data variable values; absent for the declared sample values
   */
  record Preview(
      JsonNode key, JsonNode channel, JsonNode locale, JsonNode version, JsonNode data) {}
}
