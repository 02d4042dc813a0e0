package io.kilowatch.metering.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadingBatchParserTest {
  final ReadingBatchParser parser = new ReadingBatchParser(3);

  List<Object> parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  InvalidInputException rejected(String body) {
    return catchThrowableOfType(InvalidInputException.class, () -> parse(body));
  }

  @Test
  void arrayBecomesUntypedValuesWithExactNumbers() {
    var items = parse("[{\"energyWh\": 12.0, \"meterId\": \"M\"}, {\"energyWh\": 7}, 3]");

    assertThat(items).hasSize(3);
    assertThat(((Map<?, ?>) items.get(0)).get("energyWh")).isEqualTo(new BigDecimal("12.0"));
    assertThat(((Map<?, ?>) items.get(1)).get("energyWh")).isEqualTo(7);
    assertThat(items.get(2)).isEqualTo(3);
  }

  @Test
  void emptyArrayIsLeftToTheValidator() {
    assertThat(parse(" [ ] ")).isEmpty();
  }

  @Test
  void moreItemsThanTheLimitIs413() {
    var e = rejected("[{}, {}, {}, {}]");

    assertThat(e.status().getCode()).isEqualTo(413);
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("$");
  }

  @Test
  void itemsUpToTheLimitAreFine() {
    assertThat(parse("[{}, {}, {}]")).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{\"readingId\": \"R-1\"}",
        "\"readings\"",
        "null",
        "[{\"readingId\": ",
        "[{}",
        "[{}] []",
        "[{\"energyWh\": NaN}]",
        "[{\"energyWh\": Infinity}]",
        "[{\"energyWh\": 1, \"energyWh\": 2}]",
        "[{'readingId': 'R-1'}]",
        "[{}, ]"
      })
  void bodyThatIsNotAJsonArrayIs400ForTheWholeBatch(String body) {
    var e = rejected(body);

    assertThat(e).as("rejected: %s", body).isNotNull();
    assertThat(e.status().getCode()).isEqualTo(400);
    assertThat(e.errors()).extracting(FieldError::field).containsExactly("$");
  }

  @Test
  void malformedJsonSaysWhere() {
    var e = rejected("[\n{\"energyWh\": 1,}\n]");

    assertThat(e.errors().get(0).message()).contains("line 2");
  }

  @Test
  void missingBodyIs400() {
    var e = catchThrowableOfType(InvalidInputException.class, () -> parser.parse(null));

    assertThat(e.errors())
        .extracting(FieldError::message)
        .containsExactly("is required: a JSON array of readings");
  }
}
