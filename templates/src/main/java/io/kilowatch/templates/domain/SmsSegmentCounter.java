package io.kilowatch.templates.domain;

import io.kilowatch.templates.SmsEncoding;
import io.kilowatch.templates.SmsSegments;
import java.util.OptionalInt;

/**
 * Counts the SMS segments of a text as networks and providers send it (3GPP TS 23.038 / 23.040).
 * GSM-7 when every character is in the default alphabet or its extension table (extension
 * characters such as {@code € [ ] { } | ~ ^ \} take two septets), else UCS-2 counted in UTF-16 code
 * units. One segment holds 160 septets or 70 code units; a longer text is split into segments of
 * 153 or 67 (the rest carries the concatenation header), never splitting an escape pair or a
 * surrogate pair. Stateless and thread-safe.
 */
public final class SmsSegmentCounter {
  /** GSM 03.38 default alphabet, less the escape (0x1B). */
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The extension table: form feed and {@code ^ { } \ [ ~ ] | €}. */
  private static final String EXTENSION = "\f^{}\\[~]|€";

  private static final byte[] SEPTETS = new byte[0x10000];

  static {
    for (char c : BASIC.toCharArray()) {
      SEPTETS[c] = 1;
    }
    for (char c : EXTENSION.toCharArray()) {
      SEPTETS[c] = 2;
    }
  }

  private SmsSegmentCounter() {}

  public static SmsSegments count(String text) {
    int characters = text.codePointCount(0, text.length());
    if (firstNonGsm(text).isEmpty()) {
      int units = 0;
      for (int i = 0; i < text.length(); i++) {
        units += SEPTETS[text.charAt(i)];
      }
      return new SmsSegments(SmsEncoding.GSM_7, characters, units, gsmSegments(text, units));
    }
    int units = text.length();
    return new SmsSegments(SmsEncoding.UCS_2, characters, units, ucs2Segments(text, units));
  }

  /** The first character that is not in GSM-7 (and so makes the text UCS-2), if any. */
  public static OptionalInt firstNonGsm(String text) {
    return text.codePoints().filter(cp -> !isGsm7(cp)).findFirst();
  }

  public static boolean isGsm7(int codePoint) {
    return codePoint < 0x10000 && SEPTETS[codePoint] > 0;
  }

  private static int gsmSegments(String text, int units) {
    if (units == 0) {
      return 0;
    }
    if (units <= SmsEncoding.GSM_7.singleSegmentUnits()) {
      return 1;
    }
    int perSegment = SmsEncoding.GSM_7.multiSegmentUnits();
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int width = SEPTETS[text.charAt(i)];
      if (used + width > perSegment) {
        segments++;
        used = 0;
      }
      used += width;
    }
    return segments;
  }

  private static int ucs2Segments(String text, int units) {
    if (units <= SmsEncoding.UCS_2.singleSegmentUnits()) {
      return 1;
    }
    int perSegment = SmsEncoding.UCS_2.multiSegmentUnits();
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int width = Character.charCount(text.codePointAt(i));
      if (used + width > perSegment) {
        segments++;
        used = 0;
      }
      used += width;
      i += width;
    }
    return segments;
  }
}
