package io.kilowatch.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.OutboundMessage;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwilioSendersTest {

  @ParameterizedTest
  @CsvSource({
    "+447700900123, GB",
    "+4915112345678, DE",
    "+33612345678, FR",
    "+353851234567, IE",
    "+35799123456, CY",
    "+12025550123, US",
    "+74951234567, RU",
    "+77011234567, KZ",
    "+5999461234, CW",
    "+9715012345678, AE"
  })
  void regionByTheLongestCallingCode(String number, String region) {
    assertThat(CallingCodes.regionOf(number)).isEqualTo(region);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "+", "+4", "4915112345678", "+49 151 1234", "+0123456", "+28012345"})
  void noRegionForWhatIsNotAnAssignedE164Number(String number) {
    assertThat(CallingCodes.regionOf(number)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "+447700900123, , GB",
    "+447700900123, gg, GG",
    "+12045550123, CA, CA",
    "+12045550123, Canada, US",
    "+12045550123, '', US"
  })
  void regionMetadataWinsWhenItIsARegionCode(String number, String metadata, String region) {
    OutboundMessage message =
        new OutboundMessage(
            "n-1",
            Channel.SMS,
            number,
            null,
            "hi",
            metadata == null ? Map.of() : Map.of(TwilioSenders.REGION_METADATA, metadata));

    assertThat(TwilioSenders.regionOf(message)).isEqualTo(region);
  }

  @ParameterizedTest
  @CsvSource({
    "+447700900123, +447700900001, ",
    "+4915112345678, , MG0000000000000000000000000000de49",
    "+33612345678, +15017122661, MG00000000000000000000000000000001",
    "+12025550123, KILOWATCH, "
  })
  void senderByRegionElseTheAccountsDefault(String to, String from, String service) {
    TwilioSettings settings = new TwilioSettings();
    settings.setFromNumber("+15017122661");
    settings.setMessagingServiceSid("MG00000000000000000000000000000001");
    settings.setSenders(
        Map.of(
            "GB", "+447700900001",
            "DE", "MG0000000000000000000000000000de49",
            "us", " KILOWATCH "));

    TwilioSenders.Sender sender =
        new TwilioSenders(settings).senderFor(OutboundMessage.sms("n-1", to, "hi"));

    assertThat(sender).isEqualTo(new TwilioSenders.Sender(from, service));
  }
}
