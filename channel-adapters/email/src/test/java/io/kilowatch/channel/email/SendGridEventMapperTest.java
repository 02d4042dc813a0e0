package io.kilowatch.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.channel.ProviderStatus;
import io.kilowatch.channel.ProviderStatusUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SendGrid's event vocabulary mapped onto Kilowatch's delivery status. */
class SendGridEventMapperTest {
  private final SendGridEventMapper mapper = new SendGridEventMapper("sendgrid");

  private List<ProviderStatusUpdate> map(String json) {
    return mapper.map(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String event(String type, String extra) {
    return "{\"email\":\"anna@example.com\",\"timestamp\":1795334400,\"event\":\""
        + type
        + "\",\"sg_event_id\":\"e1\",\"sg_message_id\":"
        + "\"W86EgYT6SQKk0lRflfLRsA.filterdrecv-5645d9c87f-78xgx-1-62E7C7B5-17.0\","
        + "\"notificationId\":\"ntf-1\""
        + extra
        + "}";
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "processed, SENT",
    "delivered, DELIVERED",
    "bounce, BOUNCED",
    "dropped, DROPPED",
    "open, OPENED",
    "click, CLICKED",
    "unsubscribe, UNSUBSCRIBED",
    "group_unsubscribe, UNSUBSCRIBED",
    "spamreport, SPAM_REPORTED"
  })
  void eventsMapOntoKilowatchStatuses(String type, ProviderStatus status) {
    assertThat(map("[" + event(type, "") + "]"))
        .singleElement()
        .isEqualTo(
            new ProviderStatusUpdate(
                "sendgrid",
                "W86EgYT6SQKk0lRflfLRsA",
                "ntf-1",
                status,
                "anna@example.com",
                null,
                null,
                Instant.ofEpochSecond(1795334400)));
  }

  @Test
  void bounceCarriesSmtpStatusAndReason() {
    ProviderStatusUpdate bounce =
        map("["
                + event(
                    "bounce",
                    ",\"type\":\"bounce\",\"status\":\"5.1.1\",\"reason\":\"550 5.1.1 no such user\"")
                + "]")
            .get(0);

    assertThat(bounce.status()).isEqualTo(ProviderStatus.BOUNCED);
    assertThat(bounce.errorCode()).isEqualTo("5.1.1");
    assertThat(bounce.detail()).isEqualTo("550 5.1.1 no such user");
  }

  @Test
  void blockedBounceIsAFailureNotABadAddress() {
    ProviderStatusUpdate blocked =
        map("[" + event("bounce", ",\"type\":\"blocked\",\"status\":\"5.7.1\"") + "]").get(0);

    assertThat(blocked.status()).isEqualTo(ProviderStatus.FAILED);
    assertThat(blocked.errorCode()).isEqualTo("5.7.1");
  }

  @Test
  void clickCarriesTheUrl() {
    assertThat(map("[" + event("click", ",\"url\":\"https://k.example/\"") + "]").get(0).detail())
        .isEqualTo("https://k.example/");
  }

  @Test
  void deferredResubscribeAndUnknownEventsAreSkipped() {
    assertThat(
            map(
                "["
                    + event("deferred", "")
                    + ","
                    + event("group_resubscribe", "")
                    + ","
                    + event("machine_opened_in_2030", "")
                    + ","
                    + event("delivered", "")
                    + "]"))
        .extracting(ProviderStatusUpdate::status)
        .containsExactly(ProviderStatus.DELIVERED);
  }

  @Test
  void categoryArraysAndOtherExtraFieldsAreTolerated() {
    assertThat(
            map(
                "["
                    + event(
                        "open",
                        ",\"category\":[\"a\",\"b\"],\"sg_machine_open\":false,\"tls\":1,"
                            + "\"url_offset\":{\"index\":0}")
                    + "]"))
        .hasSize(1);
  }

  @Test
  void messageIdWithoutDotIsTakenWhole() {
    assertThat(SendGridEventMapper.messageId("W86EgYT6SQKk0lRflfLRsA"))
        .isEqualTo("W86EgYT6SQKk0lRflfLRsA");
    assertThat(SendGridEventMapper.messageId(".odd")).isNull();
    assertThat(SendGridEventMapper.messageId(null)).isNull();
  }

  @Test
  void eventWithoutOurCustomArgStillMapsByMessageId() {
    ProviderStatusUpdate update =
        map("[{\"email\":\"a@example.com\",\"timestamp\":1,\"event\":\"delivered\","
                + "\"sg_message_id\":\"abc.x\"}]")
            .get(0);

    assertThat(update.notificationId()).isNull();
    assertThat(update.providerMessageId()).isEqualTo("abc");
  }

  @Test
  void emptyBatchIsFine() {
    assertThat(map("[]")).isEmpty();
  }

  @Test
  void notJsonOrNotAnArrayIsMalformed() {
    assertThatThrownBy(() -> map("not json"))
        .isInstanceOf(MalformedEventsException.class)
        .hasMessageStartingWith("body: ");
    assertThatThrownBy(() -> map("{\"event\":\"delivered\"}"))
        .isInstanceOf(MalformedEventsException.class)
        .hasMessage("body: must be a JSON array of events");
    assertThatThrownBy(() -> map("")).isInstanceOf(MalformedEventsException.class);
  }

  @Test
  void everyBadEventIsNamedByIndexAndField() {
    MalformedEventsException e =
        (MalformedEventsException)
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    map(
                        "["
                            + event("delivered", "")
                            + ",42,"
                            + "{\"timestamp\":\"yesterday\",\"sg_message_id\":\"x.y\"},"
                            + "{\"event\":\"open\",\"timestamp\":1}]"));

    assertThat(e.problems())
        .extracting(MalformedEventsException.Problem::field)
        .containsExactly("[1]", "[2].event", "[2].timestamp", "[3].sg_message_id");
  }
}
