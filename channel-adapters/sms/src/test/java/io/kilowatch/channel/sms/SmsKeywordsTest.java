package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsKeywordsTest {

  @ParameterizedTest
  @CsvSource({
    "STOP, OPT_OUT",
    "stop, OPT_OUT",
    "'  Stop  ', OPT_OUT",
    "STOPALL, OPT_OUT",
    "unsubscribe, OPT_OUT",
    "Cancel, OPT_OUT",
    "END, OPT_OUT",
    "quit, OPT_OUT",
    "REVOKE, OPT_OUT",
    "optout, OPT_OUT",
    "START, OPT_IN",
    "unstop, OPT_IN",
    "Yes, OPT_IN",
    "HELP, HELP",
    "info, HELP"
  })
  void recognisesTwiliosStandardKeywords(String body, InboundKeyword.Type type) {
    assertThat(SmsKeywords.classify(body)).isEqualTo(type);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00a0STOP\n", "\tstart\r\n", "\u2007help\u202f"})
  void trimsUnicodeAndLineBreakWhitespace(String body) {
    assertThat(SmsKeywords.classify(body)).isNotNull();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "STOP please",
        "stopp",
        "S T O P",
        "STOP!",
        "no",
        "Please stop texting me",
        "OPT OUT"
      })
  void anythingElseIsNoKeyword(String body) {
    assertThat(SmsKeywords.classify(body)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"STOP, OPT_OUT", "start, OPT_IN", "HELP, HELP"})
  void advancedOptOutTypeIsRead(String optOutType, InboundKeyword.Type type) {
    assertThat(SmsKeywords.fromOptOutType(optOutType)).isEqualTo(type);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"UNKNOWN"})
  void noOrUnknownOptOutTypeIsNone(String optOutType) {
    assertThat(SmsKeywords.fromOptOutType(optOutType)).isNull();
  }
}
