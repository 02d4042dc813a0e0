package io.kilowatch.sandbox;

/**
 * Counts SMS segments the way carriers do: GSM-7 text fits 160 septets in one segment and 153 per
 * segment when concatenated (extension characters take two septets); anything else is UCS-2 with 70
 * and 67 UTF-16 units.
 */
final class SmsSegments {
  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

  private SmsSegments() {}

  static int count(String body) {
    int septets = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (GSM_BASIC.indexOf(c) >= 0) {
        septets++;
      } else if (GSM_EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        return segments(body.length(), 70, 67);
      }
    }
    return segments(septets, 160, 153);
  }

  private static int segments(int units, int single, int perPart) {
    if (units == 0) {
      return 1;
    }
    return units <= single ? 1 : (units + perPart - 1) / perPart;
  }
}
