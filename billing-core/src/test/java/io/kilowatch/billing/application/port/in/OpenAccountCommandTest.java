package io.kilowatch.billing.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAccountCommandTest {

  @Test
  void validCommandKeepsMetersInRequestOrder() {
    var command =
        new OpenAccountCommand("C-1", "Ada", "GB-LON", "Europe/London", List.of("M-2", "M-1"));
    assertThat(command.meters()).containsExactly("M-2", "M-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "C 1", "-C1", "C/1"})
  void customerIdMustBeAPlainIdentifier(String customerId) {
    assertThat(fields(() -> command(customerId, "GB-LON", "Europe/London", List.of("M-1"))))
        .containsExactly("customerId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GB", "gb-lon", "GB-L", "GB-LONDONXXX", "GBR-LON", "GB_LON"})
  void regionMustLookLikeCountryDashArea(String region) {
    assertThat(fields(() -> command("C-1", region, "Europe/London", List.of("M-1"))))
        .containsExactly("region");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GB-LON", "DE-BW", "NL-12345678"})
  void acceptedRegions(String region) {
    assertThat(command("C-1", region, "Europe/London", List.of("M-1")).region()).isEqualTo(region);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Mars/Olympus", "+01:00", "GMT+1", "europe/london", " "})
  void timeZoneMustBeAnIanaZone(String zone) {
    assertThat(fields(() -> command("C-1", "GB-LON", zone, List.of("M-1"))))
        .containsExactly("timeZone");
  }

  @Test
  void emptyOrMissingMeterListIsRejected() {
    assertThat(fields(() -> command("C-1", "GB-LON", "Europe/London", List.of())))
        .containsExactly("meters");
    assertThat(fields(() -> command("C-1", "GB-LON", "Europe/London", null)))
        .containsExactly("meters");
  }

  @Test
  void blankAndDuplicateMetersAreNamedByIndex() {
    assertThatThrownBy(
            () ->
                command(
                    "C-1",
                    "GB-LON",
                    "Europe/London",
                    Arrays.asList("M-1", " ", "M-2", "M-1", null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new FieldError("meters[1]", "must not be blank"),
                        new FieldError("meters[3]", "duplicates meters[0] (M-1)"),
                        new FieldError("meters[4]", "must not be blank")));
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() {
    assertThat(fields(() -> new OpenAccountCommand(" ", "", "x", "y", List.of())))
        .containsExactly("customerId", "name", "region", "timeZone", "meters");
  }

  private static OpenAccountCommand command(
      String customerId, String region, String zone, List<String> meters) {
    return new OpenAccountCommand(customerId, "Ada Lovelace", region, zone, meters);
  }

  private static List<String> fields(Runnable action) {
    try {
      action.run();
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected the command to be rejected");
  }

  @Test
  void supplyStartIsLocalMidnightInTheAccountsZone() {
    var command =
        new OpenAccountCommand(
            "C-1", "Ada", "GB-LON", "Europe/London", List.of("M-1"), "2026-07-01");
    assertThat(command.assignedFrom(java.time.Instant.EPOCH))
        .isEqualTo(java.time.Instant.parse("2026-06-30T23:00:00Z"));
  }

  @Test
  void withoutSupplyStartOwnershipBeginsNow() {
    var now = java.time.Instant.parse("2026-11-22T10:00:00Z");
    assertThat(
            new OpenAccountCommand("C-1", "Ada", "GB-LON", "Europe/London", List.of("M-1"))
                .assignedFrom(now))
        .isEqualTo(now);
  }

  @Test
  void supplyStartMustBeAnIsoDate() {
    assertThat(
            fields(
                () ->
                    new OpenAccountCommand(
                        "C-1", "Ada", "GB-LON", "Europe/London", List.of("M-1"), "1/7/2026")))
        .containsExactly("supplyStart");
  }
}
