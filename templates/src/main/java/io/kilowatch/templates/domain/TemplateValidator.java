package io.kilowatch.templates.domain;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.kilowatch.channel.Channel;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.SmsSegments;
import io.kilowatch.templates.TemplateRenderException;
import io.kilowatch.templates.domain.TemplateSyntax.Scan;
import io.kilowatch.templates.domain.TemplateSyntax.Tag;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Validates the content of a template version against its key's definition: syntax, the tags
 * allowed, unknown variables, optional variables outside their section, where variables stand in
 * HTML and JSON, and the channel's length limits ({@link Limits}) on the text rendered with the
 * declared sample values. Stateless and thread-safe.
 */
public final class TemplateValidator {
  private TemplateValidator() {}

  /**
   * Everything found, errors and warnings, in part order. No errors means the content can be saved
   * and published (the locale fallback is checked separately, as it depends on other versions).
   */
  public static List<Finding> validate(
      TemplateDefinition definition, TemplateLocale locale, TemplateContent content) {
    Set<Finding> findings = new LinkedHashSet<>();
    Map<Part, Scan> scans = new EnumMap<>(Part.class);
    for (Part part : Part.of(content.channel())) {
      Scan scan = checkPart(definition, part, content.part(part), findings);
      if (scan != null) {
        scans.put(part, scan);
      }
    }
    if (hasErrors(findings)) {
      return List.copyOf(findings);
    }
    PreparedTemplate prepared;
    try {
      prepared = PreparedTemplate.compile(definition, locale, 0, content);
    } catch (TemplateRenderException e) {
      findings.add(Finding.error("parts", e.getMessage()));
      return List.copyOf(findings);
    }
    if (content.channel() == Channel.WEBHOOK) {
      Map<String, String> markers = new LinkedHashMap<>();
      scans
          .get(Part.WEBHOOK_BODY)
          .variables()
          .forEach(v -> markers.put(v, JsonDocuments.marker(v)));
      String marked = prepared.execute(Part.WEBHOOK_BODY, markers);
      JsonDocuments.checkMarked(marked, markers)
          .forEach(p -> findings.add(Finding.error(Part.WEBHOOK_BODY.field(), p)));
      if (hasErrors(findings)) {
        return List.copyOf(findings);
      }
    }
    RenderedMessage sample;
    try {
      sample = prepared.render(definition.samples());
    } catch (TemplateRenderException e) {
      findings.add(
          Finding.error("parts", "does not render with the sample values: " + e.getMessage()));
      return List.copyOf(findings);
    }
    checkLimits(sample, content, scans, findings);
    return List.copyOf(findings);
  }

  public static boolean hasErrors(Iterable<Finding> findings) {
    for (Finding f : findings) {
      if (f.isError()) {
        return true;
      }
    }
    return false;
  }

  /** Checks one part's source; returns its scan, or null when it is empty. */
  private static Scan checkPart(
      TemplateDefinition definition, Part part, String source, Set<Finding> findings) {
    String field = part.field();
    if (source.isBlank()) {
      findings.add(Finding.error(field, "must not be empty"));
      return null;
    }
    Scan scan = TemplateSyntax.scan(source);
    scan.problems().forEach(p -> findings.add(Finding.error(field, p)));
    Set<String> reported = new HashSet<>();
    for (Tag tag : scan.tags()) {
      String at = "line " + tag.line() + ": " + tag.display();
      switch (tag.kind()) {
        case PARTIAL ->
            findings.add(
                Finding.error(
                    field, at + ": partials are not supported; a template cannot include another"));
        case PARENT, BLOCK ->
            findings.add(Finding.error(field, at + ": template inheritance is not supported"));
        case DELIMITER ->
            findings.add(Finding.error(field, at + ": changing the delimiters is not supported"));
        case UNESCAPED ->
            findings.add(
                Finding.error(
                    field,
                    at
                        + ": unescaped output is not supported; write {{"
                        + tag.name()
                        + "}}, every value is escaped for its channel"));
        case VARIABLE, SECTION, INVERTED ->
            checkVariable(definition, part, tag, at, reported, findings);
        default -> {}
      }
    }
    if (part.escaping() == Escaping.SINGLE_LINE
        && (source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0)) {
      findings.add(Finding.error(field, "must be one line"));
    }
    if (hasErrors(findings.stream().filter(f -> f.field().equals(field)).toList())) {
      return scan;
    }
    Template compiled;
    try {
      compiled = PreparedTemplate.compilePart(part, source);
    } catch (MustacheException e) {
      findings.add(Finding.error(field, e.getMessage()));
      return scan;
    }
    // the engine's own reading of the source must agree with ours: nothing it would run that we
    // did not check
    Set<String> known = new HashSet<>(scan.variables());
    compiled.visit(
        new Mustache.Visitor() {
          @Override
          public void visitText(String text) {}

          @Override
          public void visitVariable(String name) {
            unseen(name);
          }

          @Override
          public boolean visitInclude(String name) {
            findings.add(Finding.error(field, "{{>" + name + "}}: partials are not supported"));
            return false;
          }

          @Override
          public boolean visitParent(String name) {
            findings.add(Finding.error(field, "{{<" + name + "}}: inheritance is not supported"));
            return false;
          }

          @Override
          public boolean visitBlock(String name) {
            findings.add(Finding.error(field, "{{$" + name + "}}: inheritance is not supported"));
            return false;
          }

          @Override
          public boolean visitSection(String name) {
            unseen(name);
            return true;
          }

          @Override
          public boolean visitInvertedSection(String name) {
            unseen(name);
            return true;
          }

          private void unseen(String name) {
            if (!known.contains(name)) {
              findings.add(Finding.error(field, "'" + name + "': syntax not supported"));
            }
          }
        });
    if (part == Part.EMAIL_HTML) {
      HtmlContexts.check(source, scan.tags()).forEach(p -> findings.add(Finding.error(field, p)));
    }
    return scan;
  }

  private static void checkVariable(
      TemplateDefinition definition,
      Part part,
      Tag tag,
      String at,
      Set<String> reported,
      Set<Finding> findings) {
    String field = part.field();
    String name = tag.name();
    if (!VariableDeclaration.isValidName(name)) {
      if (reported.add(name)) {
        findings.add(
            Finding.error(
                field,
                at
                    + ": '"
                    + name
                    + "' is not a variable name (a letter, then letters, digits or _; no dots)"));
      }
      return;
    }
    var declared = definition.variable(name);
    if (declared.isEmpty()) {
      if (reported.add(name)) {
        findings.add(
            Finding.error(
                field,
                at
                    + ": unknown variable '"
                    + name
                    + "'; "
                    + definition.key()
                    + " declares "
                    + (definition.variables().isEmpty()
                        ? "no variables"
                        : String.join(", ", definition.variableNames()))));
      }
      return;
    }
    boolean section =
        tag.kind() == TemplateSyntax.TagKind.SECTION
            || tag.kind() == TemplateSyntax.TagKind.INVERTED;
    if (section && part == Part.WEBHOOK_BODY) {
      findings.add(
          Finding.error(
              field,
              at
                  + ": sections are not supported in webhook bodies; send every field, empty or not"));
    } else if (section && declared.get().required()) {
      findings.add(
          Finding.warning(field, at + ": " + name + " is required, so it always has a value"));
    } else if (!section && !declared.get().required() && !tag.guards().contains(name)) {
      findings.add(
          Finding.error(
              field,
              at
                  + ": the optional variable '"
                  + name
                  + "' must stand inside {{#"
                  + name
                  + "}}…{{/"
                  + name
                  + "}}, so that a message never has a gap"));
    }
  }

  private static void checkLimits(
      RenderedMessage sample,
      TemplateContent content,
      Map<Part, Scan> scans,
      Set<Finding> findings) {
    findings.addAll(checkRendered(sample, "with the sample values"));
    if (content.channel() == Channel.SMS) {
      OptionalInt nonGsm =
          SmsSegmentCounter.firstNonGsm(
              literalText(content.part(Part.SMS_BODY), scans.get(Part.SMS_BODY)));
      if (nonGsm.isPresent()) {
        findings.add(
            Finding.warning(
                Part.SMS_BODY.field(),
                "'"
                    + Character.toString(nonGsm.getAsInt())
                    + "' ("
                    + String.format("U+%04X", nonGsm.getAsInt())
                    + ") is not in the GSM-7 alphabet: every message is sent as UCS-2, 70"
                    + " characters a segment instead of 160"));
      }
    }
  }

  /**
   * The channel's length limits ({@link Limits}) applied to a rendered message.
   *
   * @param with how the message was rendered, for the messages: "with the sample values"
   */
  public static List<Finding> checkRendered(RenderedMessage message, String with) {
    List<Finding> findings = new java.util.ArrayList<>();
    switch (message.channel()) {
      case SMS -> {
        String field = Part.SMS_BODY.field();
        SmsSegments sms = message.sms();
        if (sms.characters() > Limits.SMS_MAX_CHARACTERS) {
          findings.add(
              Finding.error(
                  field,
                  "is "
                      + sms.characters()
                      + " characters "
                      + with
                      + "; providers refuse more than "
                      + Limits.SMS_MAX_CHARACTERS));
        } else if (sms.segments() > Limits.SMS_SEGMENTS_WARNING) {
          findings.add(
              Finding.warning(
                  field,
                  "is "
                      + sms.segments()
                      + " SMS segments "
                      + with
                      + " ("
                      + sms.encoding().wireName()
                      + ", "
                      + sms.characters()
                      + " characters); keep it to "
                      + Limits.SMS_SEGMENTS_WARNING
                      + " or fewer"));
        }
      }
      case EMAIL -> {
        String field = Part.EMAIL_SUBJECT.field();
        int length = codePoints(message.subject());
        if (length > Limits.EMAIL_SUBJECT_MAX) {
          findings.add(
              Finding.error(
                  field,
                  "is "
                      + length
                      + " characters "
                      + with
                      + "; the limit is "
                      + Limits.EMAIL_SUBJECT_MAX));
        } else if (length > Limits.EMAIL_SUBJECT_RECOMMENDED) {
          findings.add(
              Finding.warning(
                  field,
                  "is "
                      + length
                      + " characters "
                      + with
                      + "; keep subjects to "
                      + Limits.EMAIL_SUBJECT_RECOMMENDED
                      + " or fewer, longer ones are cut in inboxes"));
        }
        int htmlBytes = utf8(message.html());
        if (htmlBytes > Limits.EMAIL_HTML_BYTES_WARNING) {
          findings.add(
              Finding.warning(
                  Part.EMAIL_HTML.field(),
                  "is " + htmlBytes + " bytes " + with + "; Gmail clips messages over 102 KB"));
        }
      }
      case PUSH -> {
        int title = codePoints(message.subject());
        int body = codePoints(message.text());
        if (title > Limits.PUSH_TITLE_RECOMMENDED) {
          findings.add(
              Finding.warning(
                  Part.PUSH_TITLE.field(),
                  "is "
                      + title
                      + " characters "
                      + with
                      + "; lock screens cut titles after about "
                      + Limits.PUSH_TITLE_RECOMMENDED));
        }
        if (body > Limits.PUSH_BODY_RECOMMENDED) {
          findings.add(
              Finding.warning(
                  Part.PUSH_BODY.field(),
                  "is "
                      + body
                      + " characters "
                      + with
                      + "; notifications show about "
                      + Limits.PUSH_BODY_RECOMMENDED));
        }
        int bytes = utf8(message.subject()) + utf8(message.text());
        if (bytes > Limits.PUSH_PAYLOAD_MAX_BYTES) {
          findings.add(
              Finding.error(
                  Part.PUSH_BODY.field(),
                  "title and body are "
                      + bytes
                      + " bytes "
                      + with
                      + "; push payloads allow "
                      + Limits.PUSH_PAYLOAD_MAX_BYTES));
        }
      }
      case WEBHOOK -> {
        int bytes = utf8(message.text());
        if (bytes > Limits.WEBHOOK_BODY_MAX_BYTES) {
          findings.add(
              Finding.error(
                  Part.WEBHOOK_BODY.field(),
                  "is "
                      + bytes
                      + " bytes "
                      + with
                      + "; the limit is "
                      + Limits.WEBHOOK_BODY_MAX_BYTES));
        }
      }
    }
    return findings;
  }

  /** The source without its tags: the text the author wrote. */
  private static String literalText(String source, Scan scan) {
    StringBuilder text = new StringBuilder();
    int at = 0;
    for (Tag tag : scan.tags()) {
      text.append(source, at, tag.start());
      at = tag.end();
    }
    return text.append(source.substring(at)).toString();
  }

  private static int codePoints(String s) {
    return s == null ? 0 : s.codePointCount(0, s.length());
  }

  private static int utf8(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
