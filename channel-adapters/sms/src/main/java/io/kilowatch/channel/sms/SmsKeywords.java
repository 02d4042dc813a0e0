package io.kilowatch.channel.sms;

import java.util.Locale;
import java.util.Map;

/**
 * Twilio's standard SMS keywords (https://help.twilio.com/articles/223134027): a message whose
 * whole body, trimmed and in any case, is one of them. Twilio's Advanced Opt-Out reports its own
 * classification in {@code OptOutType}, which wins when present (it includes custom keywords).
 * Stateless and thread-safe.
 */
final class SmsKeywords {
  private static final Map<String, InboundKeyword.Type> STANDARD =
      Map.ofEntries(
          Map.entry("STOP", InboundKeyword.Type.OPT_OUT),
          Map.entry("STOPALL", InboundKeyword.Type.OPT_OUT),
          Map.entry("UNSUBSCRIBE", InboundKeyword.Type.OPT_OUT),
          Map.entry("CANCEL", InboundKeyword.Type.OPT_OUT),
          Map.entry("END", InboundKeyword.Type.OPT_OUT),
          Map.entry("QUIT", InboundKeyword.Type.OPT_OUT),
          Map.entry("REVOKE", InboundKeyword.Type.OPT_OUT),
          Map.entry("OPTOUT", InboundKeyword.Type.OPT_OUT),
          Map.entry("START", InboundKeyword.Type.OPT_IN),
          Map.entry("UNSTOP", InboundKeyword.Type.OPT_IN),
          Map.entry("YES", InboundKeyword.Type.OPT_IN),
          Map.entry("HELP", InboundKeyword.Type.HELP),
          Map.entry("INFO", InboundKeyword.Type.HELP));

  private SmsKeywords() {}

  /** The keyword's type, or null if {@code body} is not a standard keyword. */
  static InboundKeyword.Type classify(String body) {
    return body == null ? null : STANDARD.get(normalise(body));
  }

  /** Twilio's {@code OptOutType} ({@code STOP}, {@code START}, {@code HELP}), or null. */
  static InboundKeyword.Type fromOptOutType(String optOutType) {
    if (optOutType == null) {
      return null;
    }
    switch (optOutType.strip().toUpperCase(Locale.ROOT)) {
      case "STOP":
        return InboundKeyword.Type.OPT_OUT;
      case "START":
        return InboundKeyword.Type.OPT_IN;
      case "HELP":
        return InboundKeyword.Type.HELP;
      default:
        return null;
    }
  }

  /**
   * Trimmed and upper case. Trims Unicode spaces too ({@link String#strip()} keeps no-break spaces,
   * which phone keyboards insert).
   */
  static String normalise(String body) {
    int start = 0;
    int end = body.length();
    while (start < end && isSpace(body.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(body.charAt(end - 1))) {
      end--;
    }
    return body.substring(start, end).toUpperCase(Locale.ROOT);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
