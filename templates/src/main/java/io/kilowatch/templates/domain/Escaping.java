package io.kilowatch.templates.domain;

/**
 * How a variable's value is escaped before it is written into a part. The template's own text is
 * never changed; only values are.
 */
public enum Escaping {
  /** Plain text (SMS, push body, email text part): the value as it is. */
  NONE {
    @Override
    public String escape(String value) {
      return value;
    }
  },

  /**
   * One-line header-like text (email subject, push title): control characters, including CR and LF,
   * and the Unicode line and paragraph separators become spaces, so a value cannot add a line (or a
   * header).
   */
  SINGLE_LINE {
    @Override
    public String escape(String value) {
      StringBuilder out = null;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
          if (out == null) {
            out = new StringBuilder(value);
          }
          out.setCharAt(i, ' ');
        }
      }
      return out == null ? value : out.toString();
    }
  },

  /**
   * HTML text and quoted attribute values (email HTML part): {@code & < > " ' ` =} as character
   * references, so a value can neither open a tag nor leave an attribute value.
   */
  HTML {
    @Override
    public String escape(String value) {
      StringBuilder out = new StringBuilder(value.length() + 16);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '"' -> out.append("&quot;");
          case '\'' -> out.append("&#39;");
          case '`' -> out.append("&#96;");
          case '=' -> out.append("&#61;");
          default -> out.append(c);
        }
      }
      return out.toString();
    }
  },

  /**
   * The inside of a JSON string (webhook body): quote, backslash and every control character
   * escaped; also {@code < > &}, U+2028/U+2029 and unpaired surrogates as {@code \}{@code uXXXX},
   * so the document stays valid JSON (and safe to embed in HTML or JavaScript) whatever the value.
   */
  JSON_STRING {
    @Override
    public String escape(String value) {
      StringBuilder out = new StringBuilder(value.length() + 16);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            if (Character.isHighSurrogate(c)
                && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1))) {
              out.append(c).append(value.charAt(++i));
            } else if (c < 0x20
                || c == 0x7f
                || c == '<'
                || c == '>'
                || c == '&'
                || c == '\u2028'
                || c == '\u2029'
                || Character.isSurrogate(c)) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.toString();
    }
  };

  /** The value, escaped for this context. Never null for a non-null value. */
  public abstract String escape(String value);
}
