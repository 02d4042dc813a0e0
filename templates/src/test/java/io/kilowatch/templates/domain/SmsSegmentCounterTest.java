package io.kilowatch.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.templates.SmsEncoding;
import io.kilowatch.templates.SmsSegments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsSegmentCounterTest {
  static final String EMOJI = "\uD83D\uDD0C"; // 🔌, two UTF-16 code units

  @ParameterizedTest(name = "{0} GSM-7 characters → {1} segments")
  @CsvSource({
    "1, 1", "70, 1", "159, 1", "160, 1", "161, 2", "305, 2", "306, 2", "307, 3", "459, 3", "460, 4"
  })
  void gsm7BoundariesAre160Then153PerSegment(int length, int segments) {
    SmsSegments count = SmsSegmentCounter.count("a".repeat(length));
    assertThat(count.encoding()).isEqualTo(SmsEncoding.GSM_7);
    assertThat(count.characters()).isEqualTo(length);
    assertThat(count.units()).isEqualTo(length);
    assertThat(count.segments()).isEqualTo(segments);
  }

  @ParameterizedTest(name = "{0} UCS-2 characters → {1} segments")
  @CsvSource({"1, 1", "70, 1", "71, 2", "134, 2", "135, 3", "201, 3", "202, 4"})
  void ucs2BoundariesAre70Then67PerSegment(int length, int segments) {
    SmsSegments count = SmsSegmentCounter.count("ж".repeat(length));
    assertThat(count.encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(count.units()).isEqualTo(length);
    assertThat(count.segments()).isEqualTo(segments);
  }

  @Test
  void extensionCharactersCountTwoSeptets() {
    SmsSegments euros = SmsSegmentCounter.count("€".repeat(80));
    assertThat(euros.encoding()).isEqualTo(SmsEncoding.GSM_7);
    assertThat(euros.characters()).isEqualTo(80);
    assertThat(euros.units()).isEqualTo(160);
    assertThat(euros.segments()).isEqualTo(1);

    assertThat(SmsSegmentCounter.count("€".repeat(81)).segments()).isEqualTo(2);
    assertThat(SmsSegmentCounter.count("a".repeat(159) + "€").units()).isEqualTo(161);
    assertThat(SmsSegmentCounter.count("a".repeat(159) + "€").segments()).isEqualTo(2);
    assertThat(SmsSegmentCounter.count("^{}\\[~]|€\f").units()).isEqualTo(20);
  }

  @Test
  void anEscapePairIsNeverSplitBetweenSegments() {
    // 152 + 2 + 152 = 306 septets would fit two segments of 153, but the € cannot start in the
    // last septet of the first segment
    SmsSegments count = SmsSegmentCounter.count("a".repeat(152) + "€" + "a".repeat(152));
    assertThat(count.units()).isEqualTo(306);
    assertThat(count.segments()).isEqualTo(3);
  }

  @Test
  void gsmLettersOfGermanAndFrenchStayGsm7() {
    assertThat(
            SmsSegmentCounter.count("Grüße aus Köln, Übermaß! é è à ù ì ò Ç ñ ß £ ¥ § ¿ ¡ @ Δ")
                .encoding())
        .isEqualTo(SmsEncoding.GSM_7);
  }

  @Test
  void oneCharacterOutsideGsm7MakesTheWholeTextUcs2() {
    SmsSegments typographic = SmsSegmentCounter.count("It’s " + "a".repeat(100));
    assertThat(typographic.encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(typographic.segments()).isEqualTo(2);
    assertThat(SmsSegmentCounter.firstNonGsm("It’s")).hasValue('’');
    assertThat(SmsSegmentCounter.count("ç").encoding()).isEqualTo(SmsEncoding.UCS_2);
  }

  @Test
  void emojiCountTwoCodeUnitsAndAreNeverSplit() {
    SmsSegments thirtyFive = SmsSegmentCounter.count(EMOJI.repeat(35));
    assertThat(thirtyFive.encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(thirtyFive.characters()).isEqualTo(35);
    assertThat(thirtyFive.units()).isEqualTo(70);
    assertThat(thirtyFive.segments()).isEqualTo(1);

    SmsSegments thirtySix = SmsSegmentCounter.count(EMOJI.repeat(36));
    assertThat(thirtySix.units()).isEqualTo(72);
    assertThat(thirtySix.segments()).isEqualTo(2);

    // 66 units then an emoji: it does not fit the 67th unit, so it opens the second segment,
    // and 134 units need three segments instead of two
    SmsSegments split = SmsSegmentCounter.count("ж".repeat(66) + EMOJI + "ж".repeat(66));
    assertThat(split.units()).isEqualTo(134);
    assertThat(split.segments()).isEqualTo(3);
  }

  @Test
  void unitsPerSegmentFollowTheEncodingAndSplit() {
    assertThat(SmsSegmentCounter.count("a").unitsPerSegment()).isEqualTo(160);
    assertThat(SmsSegmentCounter.count("a".repeat(200)).unitsPerSegment()).isEqualTo(153);
    assertThat(SmsSegmentCounter.count("ж").unitsPerSegment()).isEqualTo(70);
    assertThat(SmsSegmentCounter.count("ж".repeat(100)).unitsPerSegment()).isEqualTo(67);
  }

  @Test
  void anEmptyTextIsNoSegment() {
    assertThat(SmsSegmentCounter.count("").segments()).isZero();
  }
}
