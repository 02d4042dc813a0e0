package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.ProviderStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioStatusesTest {

  @ParameterizedTest
  @CsvSource({
    "accepted, SENT",
    "queued, SENT",
    "sending, SENT",
    "sent, SENT",
    "delivered, DELIVERED",
    "read, DELIVERED",
    "undelivered, FAILED",
    "failed, FAILED",
    "Delivered, DELIVERED"
  })
  void mapsTwilioStatusesOntoOurs(String twilio, ProviderStatus ours) {
    assertThat(TwilioStatuses.map(twilio)).isEqualTo(ours);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"scheduled", "canceled", "receiving", "received", "partially_delivered", "lost"})
  void statusesThatSayNothingAboutDeliveryAreNotMapped(String twilio) {
    assertThat(TwilioStatuses.map(twilio)).isNull();
  }
}
