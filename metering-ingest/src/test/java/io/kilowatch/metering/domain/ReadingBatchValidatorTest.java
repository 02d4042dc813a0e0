package io.kilowatch.metering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReadingBatchValidatorTest {
  static final Instant NOW = Instant.parse("2026-11-22T09:15:00Z");
  static final ReadingBatchValidator VALIDATOR =
      new ReadingBatchValidator(Duration.ofMinutes(5), 1000);

  /** A valid reading as the parser hands it over; tests replace or remove single fields. */
  static Map<String, Object> item() {
    Map<String, Object> item = new HashMap<>();
    item.put("readingId", "R-1");
    item.put("meterId", "MTR-1");
    item.put("timestamp", "2026-11-22T09:00:00Z");
    item.put("energyWh", 250);
    return item;
  }

  static Map<String, Object> item(String field, Object value) {
    var item = item();
    item.put(field, value);
    return item;
  }

  static Map<String, Object> without(String field) {
    var item = item();
    item.remove(field);
    return item;
  }

  @Test
  void validBatchBecomesReadingsInInputOrder() {
    var result =
        VALIDATOR.validate(
            List.of(item(), item("readingId", "R-2"), item("energyWh", new BigDecimal("12.0"))),
            NOW);

    assertThat(result.isValid()).isTrue();
    assertThat(result.readings())
        .containsExactly(
            new Reading("R-1", "MTR-1", Instant.parse("2026-11-22T09:00:00Z"), 250),
            new Reading("R-2", "MTR-1", Instant.parse("2026-11-22T09:00:00Z"), 250),
            new Reading("R-1", "MTR-1", Instant.parse("2026-11-22T09:00:00Z"), 12));
  }

  @Test
  void unknownFieldsAreIgnored() {
    assertThat(VALIDATOR.validate(List.of(item("quality", "estimated")), NOW).isValid()).isTrue();
  }

  static Stream<Arguments> acceptedEdgeValues() {
    return Stream.of(
        Arguments.of("energyWh", 0),
        Arguments.of("energyWh", 1_000_000_000L),
        Arguments.of("energyWh", new BigDecimal("1.2e1")),
        Arguments.of("energyWh", new BigDecimal("1E+9")),
        Arguments.of("timestamp", "2026-11-22T09:20:00Z"),
        Arguments.of("timestamp", "2026-11-22T10:20:00+01:00"),
        Arguments.of("timestamp", "2026-11-22T09:00:00.123456Z"),
        Arguments.of("timestamp", "1970-01-01T00:00:00Z"),
        Arguments.of("readingId", "x".repeat(64)),
        Arguments.of("meterId", "\uD83D\uDD0C".repeat(64)));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource
  void acceptedEdgeValues(String field, Object value) {
    assertThat(VALIDATOR.validate(List.of(item(field, value)), NOW).violations()).isEmpty();
  }

  static Stream<Arguments> rejectedValues() {
    return Stream.of(
        Arguments.of(without("readingId"), "readingId", "is required"),
        Arguments.of(item("readingId", null), "readingId", "is required"),
        Arguments.of(item("readingId", 42), "readingId", "must be a string"),
        Arguments.of(item("readingId", "  "), "readingId", "must not be blank"),
        Arguments.of(item("readingId", ""), "readingId", "must not be blank"),
        Arguments.of(item("readingId", "x".repeat(65)), "readingId", "at most 64 characters"),
        Arguments.of(without("meterId"), "meterId", "is required"),
        Arguments.of(item("meterId", List.of("MTR-1")), "meterId", "must be a string"),
        Arguments.of(item("meterId", "\t"), "meterId", "must not be blank"),
        Arguments.of(item("meterId", "m".repeat(65)), "meterId", "at most 64 characters"),
        Arguments.of(without("timestamp"), "timestamp", "is required"),
        Arguments.of(item("timestamp", 1763802000), "timestamp", "ISO-8601 instant string"),
        Arguments.of(item("timestamp", "yesterday"), "timestamp", "ISO-8601 instant with offset"),
        Arguments.of(
            item("timestamp", "2026-11-22T09:00:00"), "timestamp", "ISO-8601 instant with offset"),
        Arguments.of(item("timestamp", "2026-11-22"), "timestamp", "ISO-8601 instant with offset"),
        Arguments.of(
            item("timestamp", "2026-11-22T09:20:00.000001Z"), "timestamp", "in the future"),
        Arguments.of(item("timestamp", "2027-01-01T00:00:00Z"), "timestamp", "in the future"),
        Arguments.of(
            item("timestamp", "2026-11-22T09:00:00.000000001Z"), "timestamp", "microseconds"),
        Arguments.of(item("timestamp", "1969-12-31T23:59:59Z"), "timestamp", "not be before 1970"),
        Arguments.of(without("energyWh"), "energyWh", "is required"),
        Arguments.of(item("energyWh", null), "energyWh", "is required"),
        Arguments.of(item("energyWh", new BigDecimal("12.5")), "energyWh", "not a fraction"),
        Arguments.of(
            item("energyWh", new BigDecimal("12.0000000000000001")), "energyWh", "not a fraction"),
        Arguments.of(item("energyWh", -1), "energyWh", "must not be negative"),
        Arguments.of(item("energyWh", new BigDecimal("-0.5")), "energyWh", "must not be negative"),
        Arguments.of(item("energyWh", 1_000_000_001L), "energyWh", "at most 1000000000"),
        Arguments.of(
            item("energyWh", new BigInteger("99999999999999999999999")),
            "energyWh",
            "at most 1000000000"),
        Arguments.of(item("energyWh", new BigDecimal("1e400")), "energyWh", "at most 1000000000"),
        Arguments.of(item("energyWh", "12"), "energyWh", "a JSON number"),
        Arguments.of(item("energyWh", "NaN"), "energyWh", "a JSON number"),
        Arguments.of(item("energyWh", "Infinity"), "energyWh", "a JSON number"),
        Arguments.of(item("energyWh", Double.NaN), "energyWh", "a JSON number"),
        Arguments.of(item("energyWh", Double.POSITIVE_INFINITY), "energyWh", "a JSON number"),
        Arguments.of(item("energyWh", true), "energyWh", "a JSON number"),
        Arguments.of(item("energyWh", Map.of("value", 1)), "energyWh", "a JSON number"));
  }

  @ParameterizedTest(name = "[{index}] {1}: {2}")
  @MethodSource
  void rejectedValues(Map<String, Object> bad, String field, String message) {
    // the bad reading is second, so the path must carry its index
    var result = VALIDATOR.validate(List.of(item(), bad), NOW);

    assertThat(result.isValid()).isFalse();
    assertThat(result.readings()).isEmpty();
    assertThat(result.violations()).hasSize(1);
    assertThat(result.violations().get(0).field()).isEqualTo("[1]." + field);
    assertThat(result.violations().get(0).message()).contains(message);
  }

  @Test
  void itemThatIsNotAnObjectIsNamedByItsIndex() {
    List<Object> items = new ArrayList<>();
    items.add(item());
    items.add(42);
    items.add(null);
    items.add(List.of(item()));

    var result = VALIDATOR.validate(items, NOW);

    assertThat(result.violations())
        .extracting(Violation::field)
        .containsExactly("[1]", "[2]", "[3]");
  }

  @Test
  void everyBadFieldOfEveryReadingIsReportedInOrder() {
    Map<String, Object> allBad = new HashMap<>();
    allBad.put("readingId", "");
    allBad.put("timestamp", "soon");
    allBad.put("energyWh", "NaN");

    var result = VALIDATOR.validate(List.of(item(), allBad, item(), item("energyWh", -3)), NOW);

    assertThat(result.violations())
        .extracting(Violation::field)
        .containsExactly(
            "[1].readingId", "[1].meterId", "[1].timestamp", "[1].energyWh", "[3].energyWh");
  }

  @Test
  void emptyBatchIsRejectedAsAWhole() {
    assertThat(VALIDATOR.validate(List.of(), NOW).violations())
        .containsExactly(new Violation("$", "must contain at least one reading"));
  }

  @Test
  void batchOverTheLimitIsRejectedAsAWhole() {
    var small = new ReadingBatchValidator(Duration.ofMinutes(5), 2);

    assertThat(small.validate(Collections.nCopies(2, item()), NOW).isValid()).isTrue();
    assertThat(small.validate(Collections.nCopies(3, item()), NOW).violations())
        .extracting(Violation::field)
        .containsExactly("$");
  }

  @Test
  void clockSkewIsConfigurable() {
    var strict = new ReadingBatchValidator(Duration.ZERO, 1000);

    assertThat(strict.validate(List.of(item("timestamp", NOW.toString())), NOW).isValid()).isTrue();
    assertThat(
            strict
                .validate(List.of(item("timestamp", NOW.plusSeconds(1).toString())), NOW)
                .isValid())
        .isFalse();
  }
}
