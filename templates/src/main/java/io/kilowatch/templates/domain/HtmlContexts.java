package io.kilowatch.templates.domain;

import io.kilowatch.templates.domain.TemplateSyntax.Tag;
import io.kilowatch.templates.domain.TemplateSyntax.TagKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks where variables stand in an HTML template. HTML escaping makes a value safe in text and in
 * quoted attribute values, but not in a script, a style, an event handler, an unquoted attribute,
 * or at the start of a URL ({@code javascript:}). Those places are refused, so that escaping is
 * always enough. A small tokenizer after the HTML standard's states; it never changes the source.
 */
final class HtmlContexts {
  private static final Set<String> URL_ATTRIBUTES =
      Set.of(
          "href",
          "src",
          "action",
          "formaction",
          "background",
          "poster",
          "cite",
          "longdesc",
          "data",
          "codebase",
          "xlink:href",
          "lowsrc",
          "dynsrc",
          "usemap",
          "manifest",
          "icon",
          "profile",
          "classid",
          "archive");
  private static final Set<String> RAW_TEXT = Set.of("script", "style");

  private enum State {
    DATA,
    COMMENT,
    TAG_NAME,
    BEFORE_ATTRIBUTE,
    ATTRIBUTE_NAME,
    AFTER_ATTRIBUTE_NAME,
    BEFORE_VALUE,
    DOUBLE_QUOTED,
    SINGLE_QUOTED,
    UNQUOTED,
    RAW_TEXT,
    MARKUP_DECLARATION
  }

  private HtmlContexts() {}

  /** One message per variable that stands where HTML escaping is not enough. */
  static List<String> check(String html, List<Tag> tags) {
    List<String> problems = new ArrayList<>();
    State state = State.DATA;
    StringBuilder tagName = new StringBuilder();
    boolean endTag = false;
    String rawTextElement = null;
    StringBuilder attribute = new StringBuilder();
    StringBuilder valuePrefix = new StringBuilder();
    boolean valueHasVariable = false;
    int t = 0;
    int i = 0;
    while (i < html.length()) {
      if (t < tags.size() && tags.get(t).start() == i) {
        Tag tag = tags.get(t++);
        if (tag.kind() == TagKind.VARIABLE) {
          String problem =
              problem(
                  state,
                  attribute.toString().toLowerCase(Locale.ROOT),
                  valuePrefix,
                  valueHasVariable);
          if (problem != null) {
            problems.add("line " + tag.line() + ": " + tag.display() + " " + problem);
          }
          valueHasVariable = true;
        } else if (tag.kind() != TagKind.COMMENT && state != State.DATA) {
          // a section that starts or ends inside markup would let each branch leave the HTML in a
          // different state, and the check above would judge the wrong one
          problems.add(
              "line "
                  + tag.line()
                  + ": "
                  + tag.display()
                  + " may only stand in text, outside tags, attribute values and comments");
        }
        i = tag.end();
        continue;
      }
      char c = html.charAt(i);
      switch (state) {
        case DATA -> {
          if (html.startsWith("<!--", i)) {
            state = State.COMMENT;
            i += 3;
          } else if (c == '<' && i + 1 < html.length()) {
            char next = html.charAt(i + 1);
            if (html.startsWith("{{", i + 1) || html.startsWith("/{{", i + 1)) {
              // a value would name the element: <{{x}}> with x = script
              endTag = next == '/';
              tagName.setLength(0);
              state = State.TAG_NAME;
              i += endTag ? 1 : 0;
            } else if (isLetter(next)
                || (next == '/' && i + 2 < html.length() && isLetter(html.charAt(i + 2)))) {
              endTag = next == '/';
              tagName.setLength(0);
              state = State.TAG_NAME;
              i += endTag ? 1 : 0;
            } else if (next == '!' || next == '?') {
              state = State.MARKUP_DECLARATION;
            }
          }
        }
        case COMMENT -> {
          if (html.startsWith("-->", i)) {
            state = State.DATA;
            i += 2;
          }
        }
        case MARKUP_DECLARATION -> {
          if (c == '>') {
            state = State.DATA;
          }
        }
        case TAG_NAME -> {
          if (Character.isWhitespace(c) || c == '/') {
            state = State.BEFORE_ATTRIBUTE;
          } else if (c == '>') {
            state = endOfTag(tagName, endTag);
            rawTextElement = state == State.RAW_TEXT ? lower(tagName) : null;
          } else {
            tagName.append(c);
          }
        }
        case BEFORE_ATTRIBUTE -> {
          if (c == '>') {
            state = endOfTag(tagName, endTag);
            rawTextElement = state == State.RAW_TEXT ? lower(tagName) : null;
          } else if (!Character.isWhitespace(c) && c != '/') {
            attribute.setLength(0);
            attribute.append(c);
            state = State.ATTRIBUTE_NAME;
          }
        }
        case ATTRIBUTE_NAME -> {
          if (c == '=') {
            state = State.BEFORE_VALUE;
          } else if (Character.isWhitespace(c)) {
            state = State.AFTER_ATTRIBUTE_NAME;
          } else if (c == '/') {
            state = State.BEFORE_ATTRIBUTE;
          } else if (c == '>') {
            state = endOfTag(tagName, endTag);
            rawTextElement = state == State.RAW_TEXT ? lower(tagName) : null;
          } else {
            attribute.append(c);
          }
        }
        case AFTER_ATTRIBUTE_NAME -> {
          if (c == '=') {
            state = State.BEFORE_VALUE;
          } else if (c == '>') {
            state = endOfTag(tagName, endTag);
            rawTextElement = state == State.RAW_TEXT ? lower(tagName) : null;
          } else if (c == '/') {
            state = State.BEFORE_ATTRIBUTE;
          } else if (!Character.isWhitespace(c)) {
            attribute.setLength(0);
            attribute.append(c);
            state = State.ATTRIBUTE_NAME;
          }
        }
        case BEFORE_VALUE -> {
          valuePrefix.setLength(0);
          valueHasVariable = false;
          if (c == '"') {
            state = State.DOUBLE_QUOTED;
          } else if (c == '\'') {
            state = State.SINGLE_QUOTED;
          } else if (c == '>') {
            state = endOfTag(tagName, endTag);
            rawTextElement = state == State.RAW_TEXT ? lower(tagName) : null;
          } else if (!Character.isWhitespace(c)) {
            state = State.UNQUOTED;
          }
        }
        case DOUBLE_QUOTED, SINGLE_QUOTED -> {
          if (c == (state == State.DOUBLE_QUOTED ? '"' : '\'')) {
            state = State.BEFORE_ATTRIBUTE;
          } else if (!valueHasVariable) {
            valuePrefix.append(c);
          }
        }
        case UNQUOTED -> {
          if (Character.isWhitespace(c)) {
            state = State.BEFORE_ATTRIBUTE;
          } else if (c == '>') {
            state = endOfTag(tagName, endTag);
            rawTextElement = state == State.RAW_TEXT ? lower(tagName) : null;
          }
        }
        case RAW_TEXT -> {
          String end = "</" + rawTextElement;
          if (html.regionMatches(true, i, end, 0, end.length())) {
            tagName.setLength(0);
            tagName.append(rawTextElement);
            endTag = true;
            state = State.BEFORE_ATTRIBUTE;
            i += end.length() - 1;
          }
        }
      }
      i++;
    }
    return problems;
  }

  private static String problem(
      State state, String attribute, CharSequence valuePrefix, boolean valueHasVariable) {
    return switch (state) {
      case DATA -> null;
      case DOUBLE_QUOTED, SINGLE_QUOTED -> {
        if (attribute.startsWith("on")) {
          yield "is in the event handler attribute "
              + attribute
              + "; values may not go into scripts";
        }
        if (attribute.equals("style") || attribute.equals("srcset")) {
          yield "is in the " + attribute + " attribute, where escaping does not make a value safe";
        }
        if (URL_ATTRIBUTES.contains(attribute) && !valueHasVariable && !fixesScheme(valuePrefix)) {
          yield "starts the URL in "
              + attribute
              + ": write a fixed beginning such as https://example.com/ before it, so that a"
              + " value cannot be a javascript: URL";
        }
        yield null;
      }
      case UNQUOTED, BEFORE_VALUE ->
          "is an unquoted attribute value: put the attribute value in double quotes";
      case RAW_TEXT -> "is inside <script> or <style>, where escaping does not make a value safe";
      case COMMENT -> "is inside an HTML comment";
      default ->
          "stands inside an HTML tag: variables may only go in text or in quoted attribute values";
    };
  }

  /** A URL whose fixed beginning ends the scheme part (":", or a path, query or fragment start). */
  private static boolean fixesScheme(CharSequence prefix) {
    String p = prefix.toString().strip();
    return p.indexOf(':') >= 0 || p.indexOf('/') >= 0 || p.indexOf('?') >= 0 || p.indexOf('#') >= 0;
  }

  private static State endOfTag(CharSequence tagName, boolean endTag) {
    return !endTag && RAW_TEXT.contains(lower(tagName)) ? State.RAW_TEXT : State.DATA;
  }

  private static String lower(CharSequence s) {
    return s.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
