package io.kilowatch.templates.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.SmsSegments;
import io.kilowatch.templates.application.PreviewResult;
import io.kilowatch.templates.application.TemplateOverview;
import io.kilowatch.templates.application.VersionOutcome;
import io.kilowatch.templates.application.port.out.VariantSummary;
import io.kilowatch.templates.domain.Finding;
import io.kilowatch.templates.domain.TemplateDefinition;
import io.kilowatch.templates.domain.TemplateVersion;
import io.kilowatch.templates.domain.VariableDeclaration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the HTTP API shows. Instants are ISO-8601 UTC. */
final class Views {
  private Views() {}

  static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** A warning or an issue: the field it is about and what it is. */
  record Note(String field, String message) {
    static List<Note> of(List<Finding> findings) {
      return findings.stream().map(f -> new Note(f.field(), f.message())).toList();
    }
  }

  record Variable(String name, String description, String sample, boolean required) {
    static Variable of(VariableDeclaration v) {
      return new Variable(v.name(), v.description(), v.sample(), v.required());
    }
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Variant(
      String channel, String locale, Integer activeVersion, int latestVersion, int versions) {
    static Variant of(VariantSummary v) {
      return new Variant(
          v.channel().wireName(),
          v.locale().tag(),
          v.activeVersion(),
          v.latestVersion(),
          v.versions());
    }
  }

  record Template(
      String key,
      String category,
      String defaultLocale,
      String description,
      List<Variable> variables,
      List<Variant> variants,
      List<Note> issues) {
    static Template of(TemplateOverview overview) {
      TemplateDefinition d = overview.definition();
      return new Template(
          d.key().value(),
          d.key().category(),
          d.defaultLocale().tag(),
          d.description(),
          d.variables().stream().map(Variable::of).toList(),
          overview.variants().stream().map(Variant::of).toList(),
          Note.of(overview.issues()));
    }
  }

  /** A list of keys; an object rather than a bare array so that paging can be added. */
  record TemplateList(List<Template> templates) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Version(
      String key,
      String channel,
      String locale,
      int version,
      String status,
      Map<String, String> parts,
      String createdBy,
      String createdAt,
      String publishedBy,
      String publishedAt,
      String retiredAt,
      List<Note> warnings) {
    static Version of(TemplateVersion v, List<Finding> warnings) {
      return new Version(
          v.key().value(),
          v.channel().wireName(),
          v.locale().tag(),
          v.version(),
          v.status().wireName(),
          v.content().byWireName(),
          v.createdBy(),
          text(v.createdAt()),
          v.publishedBy(),
          text(v.publishedAt()),
          text(v.retiredAt()),
          Note.of(warnings));
    }

    static Version of(VersionOutcome outcome) {
      return of(outcome.version(), outcome.warnings());
    }
  }

  /** The versions of one key, channel and locale, newest first. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record VersionList(
      String key, String channel, String locale, Integer activeVersion, List<Version> versions) {}

  record Segments(String encoding, int characters, int units, int segments, int unitsPerSegment) {
    static Segments of(SmsSegments s) {
      return s == null
          ? null
          : new Segments(
              s.encoding().wireName(),
              s.characters(),
              s.units(),
              s.segments(),
              s.unitsPerSegment());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Preview(
      String key,
      String channel,
      String requestedLocale,
      String locale,
      int version,
      String status,
      boolean sampleData,
      Map<String, String> parts,
      Segments sms,
      List<Note> warnings) {
    static Preview of(PreviewResult result) {
      RenderedMessage m = result.message();
      TemplateVersion v = result.version();
      return new Preview(
          m.templateKey(),
          m.channel().wireName(),
          result.requestedLocale().tag(),
          m.locale(),
          m.version(),
          v.status().wireName(),
          result.sampleData(),
          parts(m),
          Segments.of(m.sms()),
          Note.of(result.warnings()));
    }

    /** The rendered parts under the names the template's parts have. */
    private static Map<String, String> parts(RenderedMessage m) {
      Map<String, String> parts = new LinkedHashMap<>();
      switch (m.channel()) {
        case SMS, WEBHOOK -> parts.put("body", m.text());
        case EMAIL -> {
          parts.put("subject", m.subject());
          parts.put("html", m.html());
          parts.put("text", m.text());
        }
        case PUSH -> {
          parts.put("title", m.subject());
          parts.put("body", m.text());
        }
      }
      return parts;
    }
  }
}
