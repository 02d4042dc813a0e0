package io.kilowatch.templates;

/** How an SMS is encoded on the air interface. */
public enum SmsEncoding {
  /** GSM 03.38 default alphabet: 160 septets in one segment, 153 per segment when split. */
  GSM_7("GSM-7", 160, 153),
  /**
   * Any character outside GSM-7: 70 UTF-16 code units in one segment, 67 per segment when split.
   */
  UCS_2("UCS-2", 70, 67);

  private final String wireName;
  private final int single;
  private final int perSegment;

  SmsEncoding(String wireName, int single, int perSegment) {
    this.wireName = wireName;
    this.single = single;
    this.perSegment = perSegment;
  }

  public String wireName() {
    return wireName;
  }

  /** Units (septets or code units) that fit in a message of one segment. */
  public int singleSegmentUnits() {
    return single;
  }

  /** Units per segment of a concatenated message (the rest carries the UDH). */
  public int multiSegmentUnits() {
    return perSegment;
  }
}
