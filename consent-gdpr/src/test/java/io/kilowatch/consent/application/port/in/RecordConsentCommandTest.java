package io.kilowatch.consent.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.consent.ConsentEvidence;
import io.kilowatch.consent.domain.ConsentAction;
import io.kilowatch.consent.domain.ConsentSource;
import io.kilowatch.consent.domain.Purpose;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordConsentCommandTest {
  static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");
  static final ConsentEvidence WEB =
      new ConsentEvidence("web", "C-1", "203.0.113.7", "marketing/v3", null, null);

  static List<String> fieldsOf(Runnable parse) {
    try {
      parse.run();
    } catch (InvalidInputException e) {
      return e.errors().stream().map(FieldError::field).toList();
    }
    throw new AssertionError("expected InvalidInputException");
  }

  @Test
  void aValidRequestBecomesACommand() {
    RecordConsentCommand c =
        RecordConsentCommand.parse("C-1", "marketing", "email", "grant", WEB, NOW);
    assertThat(c.purpose()).isEqualTo(Purpose.MARKETING);
    assertThat(c.channel()).isEqualTo("email");
    assertThat(c.action()).isEqualTo(ConsentAction.GRANTED);
    assertThat(c.source()).isEqualTo(ConsentSource.WEB);
    assertThat(c.occurredAt()).isEqualTo(NOW);
    assertThat(c.ipOrIdentity()).isEqualTo("203.0.113.7");
  }

  @Test
  void noChannelMeansAllChannels() {
    assertThat(RecordConsentCommand.parse("C-1", "service", null, "withdraw", WEB, NOW).channel())
        .isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "unknown purpose  | C-1  | newsletters | email | grant    | purpose",
        "missing purpose  | C-1  | NULL        | email | grant    | purpose",
        "unknown channel  | C-1  | marketing   | fax   | grant    | channel",
        "blank channel    | C-1  | marketing   | ' '   | grant    | channel",
        "unknown action   | C-1  | marketing   | email | maybe    | action",
        "missing action   | C-1  | marketing   | email | NULL     | action",
        "bad customer id  | C 1  | marketing   | email | grant    | customerId",
      })
  void invalidFieldsAreNamed(
      String name, String customer, String purpose, String channel, String action, String field) {
    assertThat(
            fieldsOf(
                () -> RecordConsentCommand.parse(customer, purpose, channel, action, WEB, NOW)))
        .containsExactly(field);
  }

  @Test
  void evidenceIsRequiredFieldByField() {
    assertThat(
            fieldsOf(
                () -> RecordConsentCommand.parse("C-1", "marketing", null, "grant", null, NOW)))
        .containsExactly("evidence");
    ConsentEvidence empty = new ConsentEvidence(null, " ", null, null, null, null);
    assertThat(
            fieldsOf(
                () -> RecordConsentCommand.parse("C-1", "marketing", null, "grant", empty, NOW)))
        .containsExactly("source", "actor", "textVersion");
    ConsentEvidence noIp = new ConsentEvidence("api", "C-1", null, "v1", null, null);
    assertThat(
            fieldsOf(
                () -> RecordConsentCommand.parse("C-1", "marketing", null, "grant", noIp, NOW)))
        .containsExactly("ipOrIdentity");
    ConsentEvidence unknownSource =
        new ConsentEvidence("carrier-pigeon", "C-1", "x", "v1", null, null);
    assertThat(
            fieldsOf(
                () ->
                    RecordConsentCommand.parse(
                        "C-1", "marketing", null, "grant", unknownSource, NOW)))
        .containsExactly("source");
  }

  @Test
  void staffNeedNoIdentityButATextVersion() {
    ConsentEvidence staff =
        new ConsentEvidence("staff-phone", "agent-7", null, "script/v2", null, null);
    assertThat(
            RecordConsentCommand.parse("C-1", "marketing", "sms", "withdraw", staff, NOW).actor())
        .isEqualTo("agent-7");
  }

  @Test
  void evidenceFromTheFutureIsRefusedButClockSkewIsTolerated() {
    ConsentEvidence skewed =
        ConsentEvidence.smsKeyword("stop", "+447700900123", "SM1", NOW.plusSeconds(60));
    assertThat(
            RecordConsentCommand.parse("C-1", "marketing", "sms", "withdraw", skewed, NOW)
                .textVersion())
        .isEqualTo("sms-keyword:STOP");
    ConsentEvidence future =
        ConsentEvidence.smsKeyword("STOP", "+447700900123", "SM2", NOW.plusSeconds(3600));
    assertThat(
            fieldsOf(
                () ->
                    RecordConsentCommand.parse("C-1", "marketing", "sms", "withdraw", future, NOW)))
        .containsExactly("occurredAt");
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() {
    assertThatThrownBy(() -> RecordConsentCommand.parse("C-1", "x", "fax", "y", WEB, NOW))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).errors())
                    .extracting(FieldError::field)
                    .containsExactly("purpose", "channel", "action"));
  }
}
