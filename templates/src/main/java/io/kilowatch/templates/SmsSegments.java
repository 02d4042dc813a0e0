package io.kilowatch.templates;

import java.util.Objects;

/**
 * How an SMS text is split for sending.
 *
 * @param encoding GSM-7 when every character is in the GSM 03.38 alphabet (basic or extension
 *     table), else UCS-2
 * @param characters Unicode code points in the text
 * @param units what the limits count: GSM-7 septets (extension characters such as {@code €} count
 *     2) or UTF-16 code units (an emoji counts 2)
 * @param segments SMS segments the text is sent as; an escape pair or a surrogate pair is never
 *     split between two segments, so this can exceed {@code ceil(units / perSegment)}
 */
public record SmsSegments(SmsEncoding encoding, int characters, int units, int segments) {
  public SmsSegments {
    Objects.requireNonNull(encoding, "encoding");
  }

  /** Units that fit in each segment of this text: 160 or 153 (GSM-7), 70 or 67 (UCS-2). */
  public int unitsPerSegment() {
    return segments <= 1 ? encoding.singleSegmentUnits() : encoding.multiSegmentUnits();
  }
}
