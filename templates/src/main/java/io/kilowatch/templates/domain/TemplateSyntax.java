package io.kilowatch.templates.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the tags of a template source, Mustache syntax with the default {@code {{ }}} delimiters,
 * and checks that sections nest. It recognises every Mustache tag so that validation can name the
 * ones Kilowatch does not allow (partials, inheritance, delimiter changes, unescaped output).
 * Stateless and thread-safe.
 */
public final class TemplateSyntax {

  /** The kinds of Mustache tag. */
  public enum TagKind {
    /** {@code {{name}}}: the value, escaped for the part. */
    VARIABLE,
    /** {@code {{#name}}}: renders its content when the value is present and not empty. */
    SECTION,
    /** {@code {{^name}}}: renders its content when the value is absent or empty. */
    INVERTED,
    /** {@code {{/name}}}. */
    CLOSE,
    /** {@code {{! text}}}. */
    COMMENT,
    /** {@code {{>name}}} (not allowed). */
    PARTIAL,
    /** {@code {{<name}}} (not allowed). */
    PARENT,
    /** {@code {{$name}}} (not allowed). */
    BLOCK,
    /** {@code {{=<% %>=}}} (not allowed). */
    DELIMITER,
    /** {@code {{{name}}}} or {@code {{&name}}} (not allowed). */
    UNESCAPED
  }

  /**
   * One tag.
   *
   * @param kind what it is
   * @param name the variable or section name, trimmed; the text for comments and delimiters
   * @param start offset of the opening braces
   * @param end offset just after the closing braces
   * @param line 1-based line of {@code start}
   * @param guards names of the {@code {{#...}}} sections the tag stands in
   */
  public record Tag(TagKind kind, String name, int start, int end, int line, Set<String> guards) {
    /** The tag as an author writes it, e.g. {@code {{#meterId}}}. */
    public String display() {
      return switch (kind) {
        case VARIABLE -> "{{" + name + "}}";
        case SECTION -> "{{#" + name + "}}";
        case INVERTED -> "{{^" + name + "}}";
        case CLOSE -> "{{/" + name + "}}";
        case COMMENT -> "{{!…}}";
        case PARTIAL -> "{{>" + name + "}}";
        case PARENT -> "{{<" + name + "}}";
        case BLOCK -> "{{$" + name + "}}";
        case DELIMITER -> "{{=" + name + "=}}";
        case UNESCAPED -> "{{{" + name + "}}}";
      };
    }

    /** True for tags whose name is a variable: values, sections and inverted sections. */
    public boolean readsVariable() {
      return kind == TagKind.VARIABLE || kind == TagKind.SECTION || kind == TagKind.INVERTED;
    }
  }

  /**
   * The tags of a source and what is wrong with its structure.
   *
   * @param tags every tag, in order
   * @param problems unclosed tags, unmatched or unclosed sections, each with its line
   */
  public record Scan(List<Tag> tags, List<String> problems) {
    /** Names of the variables read (values and sections), in order of first use, no duplicates. */
    public List<String> variables() {
      Set<String> seen = new HashSet<>();
      List<String> names = new ArrayList<>();
      for (Tag tag : tags) {
        if (tag.readsVariable() && seen.add(tag.name())) {
          names.add(tag.name());
        }
      }
      return names;
    }
  }

  private TemplateSyntax() {}

  public static Scan scan(String source) {
    List<Tag> tags = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Deque<Tag> open = new ArrayDeque<>();
    int i = 0;
    while (true) {
      int start = source.indexOf("{{", i);
      if (start < 0) {
        break;
      }
      boolean triple = source.startsWith("{{{", start);
      String closing = triple ? "}}}" : "}}";
      int contentStart = start + (triple ? 3 : 2);
      int close = source.indexOf(closing, contentStart);
      int line = lineOf(source, start);
      if (close < 0) {
        problems.add("line " + line + ": '" + (triple ? "{{{" : "{{") + "' is never closed");
        break;
      }
      int end = close + closing.length();
      String content = source.substring(contentStart, close).strip();
      i = end;
      if (content.isEmpty()) {
        problems.add("line " + line + ": empty tag");
        continue;
      }
      TagKind kind;
      String name;
      if (triple) {
        kind = TagKind.UNESCAPED;
        name = content;
      } else {
        char first = content.charAt(0);
        kind =
            switch (first) {
              case '#' -> TagKind.SECTION;
              case '^' -> TagKind.INVERTED;
              case '/' -> TagKind.CLOSE;
              case '!' -> TagKind.COMMENT;
              case '>' -> TagKind.PARTIAL;
              case '<' -> TagKind.PARENT;
              case '$' -> TagKind.BLOCK;
              case '=' -> TagKind.DELIMITER;
              case '&' -> TagKind.UNESCAPED;
              default -> TagKind.VARIABLE;
            };
        name = kind == TagKind.VARIABLE ? content : content.substring(1).strip();
        if (kind == TagKind.DELIMITER && name.endsWith("=")) {
          name = name.substring(0, name.length() - 1).strip();
        }
      }
      Set<String> guards = new HashSet<>();
      for (Tag section : open) {
        if (section.kind() == TagKind.SECTION) {
          guards.add(section.name());
        }
      }
      Tag tag = new Tag(kind, name, start, end, line, Set.copyOf(guards));
      tags.add(tag);
      switch (kind) {
        case SECTION, INVERTED, PARENT, BLOCK -> open.push(tag);
        case CLOSE -> {
          if (open.isEmpty()) {
            problems.add("line " + line + ": " + tag.display() + " closes no section");
          } else if (!open.peek().name().equals(name)) {
            Tag opened = open.peek();
            problems.add(
                "line "
                    + line
                    + ": "
                    + tag.display()
                    + " does not close "
                    + opened.display()
                    + " opened on line "
                    + opened.line());
          } else {
            open.pop();
          }
        }
        default -> {}
      }
    }
    for (Tag unclosed : open) {
      problems.add("line " + unclosed.line() + ": " + unclosed.display() + " is never closed");
    }
    return new Scan(List.copyOf(tags), List.copyOf(problems));
  }

  static int lineOf(String source, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (source.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
