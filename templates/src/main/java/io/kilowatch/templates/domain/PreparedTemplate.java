package io.kilowatch.templates.domain;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.kilowatch.channel.Channel;
import io.kilowatch.templates.MissingTemplateVariableException;
import io.kilowatch.templates.RenderedMessage;
import io.kilowatch.templates.TemplateRenderException;
import io.kilowatch.templates.domain.TemplateSyntax.Scan;
import io.kilowatch.templates.domain.TemplateSyntax.Tag;
import io.kilowatch.templates.domain.TemplateSyntax.TagKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A template version compiled and ready to render many times. Immutable and thread-safe.
 *
 * <p>The engine is JMustache, held to the logic-light subset Kilowatch allows: values and
 * conditional sections over the data map only; no partials (there is no template loader), no
 * lambdas (values are only ever strings), no reflection on values, no delimiter changes, no
 * unescaped output. Every value goes through its part's {@link Escaping}. A variable without a
 * value is an error, never an empty gap; optional variables are empty (and so false in sections).
 */
public final class PreparedTemplate {
  private static final Map<Escaping, Mustache.Compiler> COMPILERS = new EnumMap<>(Escaping.class);
  private static final Set<TagKind> ALLOWED =
      Set.of(TagKind.VARIABLE, TagKind.SECTION, TagKind.INVERTED, TagKind.CLOSE, TagKind.COMMENT);

  static {
    for (Escaping escaping : Escaping.values()) {
      COMPILERS.put(
          escaping,
          Mustache.compiler()
              .standardsMode(false)
              .strictSections(true)
              .emptyStringIsFalse(true)
              .withCollector(MapOnlyCollector.INSTANCE)
              .withLoader(
                  name -> {
                    throw new UnsupportedOperationException("partials are not supported: " + name);
                  })
              .withEscaper(escaping::escape));
    }
  }

  private final TemplateDefinition definition;
  private final Channel channel;
  private final TemplateLocale locale;
  private final int version;
  private final Map<Part, Template> parts;
  private final List<String> variables;

  private PreparedTemplate(
      TemplateDefinition definition,
      Channel channel,
      TemplateLocale locale,
      int version,
      Map<Part, Template> parts,
      List<String> variables) {
    this.definition = definition;
    this.channel = channel;
    this.locale = locale;
    this.version = version;
    this.parts = parts;
    this.variables = variables;
  }

  /**
   * Compiles a stored version for its key's definition.
   *
   * @throws TemplateRenderException when a part does not compile or uses a tag Kilowatch does not
   *     allow (possible only for a version saved without validation)
   */
  public static PreparedTemplate of(TemplateDefinition definition, TemplateVersion version) {
    if (!definition.key().equals(version.key())) {
      throw new IllegalArgumentException(version.label() + " is not of " + definition.key());
    }
    return compile(definition, version.locale(), version.version(), version.content());
  }

  static PreparedTemplate compile(
      TemplateDefinition definition, TemplateLocale locale, int version, TemplateContent content) {
    Objects.requireNonNull(definition, "definition");
    Channel channel = content.channel();
    String label = TemplateVersion.label(definition.key(), channel, locale, version);
    Map<Part, Template> compiled = new EnumMap<>(Part.class);
    Set<String> variables = new LinkedHashSet<>();
    for (Part part : Part.of(channel)) {
      String source = content.part(part);
      Scan scan = TemplateSyntax.scan(source);
      if (!scan.problems().isEmpty()) {
        throw new TemplateRenderException(label + " " + part.field() + ": " + scan.problems());
      }
      for (Tag tag : scan.tags()) {
        if (!ALLOWED.contains(tag.kind())
            || (tag.readsVariable() && !VariableDeclaration.isValidName(tag.name()))) {
          throw new TemplateRenderException(
              label + " " + part.field() + ": " + tag.display() + " is not allowed");
        }
      }
      variables.addAll(scan.variables());
      try {
        compiled.put(part, compilePart(part, source));
      } catch (MustacheException e) {
        throw new TemplateRenderException(label + " " + part.field() + ": " + e.getMessage(), e);
      }
    }
    return new PreparedTemplate(
        definition,
        channel,
        locale,
        version,
        Collections.unmodifiableMap(compiled),
        List.copyOf(variables));
  }

  static Template compilePart(Part part, String source) {
    return COMPILERS.get(part.escaping()).compile(source);
  }

  public Channel channel() {
    return channel;
  }

  public TemplateLocale locale() {
    return locale;
  }

  public int version() {
    return version;
  }

  /** The variables the version reads, in order of first use. */
  public List<String> variables() {
    return variables;
  }

  /**
   * Renders every part.
   *
   * @param data variable values; keys the template does not read are ignored; not null
   * @throws MissingTemplateVariableException naming every required variable without a non-blank
   *     value
   * @throws TemplateRenderException for a value that is not a string, or a webhook body that is not
   *     valid JSON
   */
  public RenderedMessage render(Map<String, String> data) {
    Objects.requireNonNull(data, "data");
    // read through Map<?, ?>: a caller's unchecked map could hold something else than strings,
    // and nothing but a string may ever reach the engine (a Mustache.Lambda would be run)
    Map<?, ?> untrusted = data;
    Map<String, String> context = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : variables) {
      Object value = untrusted.get(name);
      if (value != null && !(value instanceof String)) {
        throw new TemplateRenderException(label() + ": the value of " + name + " is not text");
      }
      String text = (String) value;
      if (text == null || text.isBlank()) {
        if (definition.isRequired(name)) {
          missing.add(name);
        } else {
          context.put(name, "");
        }
      } else {
        context.put(name, text);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingTemplateVariableException(label(), missing);
    }
    String key = definition.key().value();
    String tag = locale.tag();
    return switch (channel) {
      case SMS -> {
        String text = execute(Part.SMS_BODY, context).strip();
        yield new RenderedMessage(
            key, channel, tag, version, null, text, null, SmsSegmentCounter.count(text));
      }
      case EMAIL ->
          new RenderedMessage(
              key,
              channel,
              tag,
              version,
              execute(Part.EMAIL_SUBJECT, context).strip(),
              execute(Part.EMAIL_TEXT, context).strip(),
              execute(Part.EMAIL_HTML, context),
              null);
      case PUSH ->
          new RenderedMessage(
              key,
              channel,
              tag,
              version,
              execute(Part.PUSH_TITLE, context).strip(),
              execute(Part.PUSH_BODY, context).strip(),
              null,
              null);
      case WEBHOOK -> {
        String body = execute(Part.WEBHOOK_BODY, context);
        JsonDocuments.invalid(body)
            .ifPresent(
                problem -> {
                  throw new TemplateRenderException(label() + ": webhook body " + problem);
                });
        yield new RenderedMessage(key, channel, tag, version, null, body, null, null);
      }
    };
  }

  /** One part with the given context as it is: no checks for missing values. */
  String execute(Part part, Map<String, String> context) {
    try {
      return parts.get(part).execute(context);
    } catch (MustacheException e) {
      throw new TemplateRenderException(label() + " " + part.field() + ": " + e.getMessage(), e);
    }
  }

  String label() {
    return TemplateVersion.label(definition.key(), channel, locale, version);
  }
}
