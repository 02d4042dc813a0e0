package io.kilowatch.preference.domain;

import static io.kilowatch.preference.domain.PreferencesTestData.ADDED;
import static io.kilowatch.preference.domain.PreferencesTestData.unverified;
import static io.kilowatch.preference.domain.PreferencesTestData.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelChoiceTest {
  final ContactPoint phone = verified(Channel.SMS, "+447700900123");
  final ContactPoint email = verified(Channel.EMAIL, "ada@example.com");
  final ContactPoint device = verified(Channel.PUSH, "device-token-1");
  final ContactPoint hook = verified(Channel.WEBHOOK, "https://hooks.example.com/k");

  @Test
  void candidatesFollowTheCustomersOrder() {
    var choice =
        ChannelChoice.choose(
            CategoryPreference.of(Channel.EMAIL, Channel.SMS, Channel.PUSH),
            List.of(phone, device, email, hook));
    assertThat(choice.candidates())
        .extracting(DeliveryPlan.Candidate::address)
        .containsExactly("ada@example.com", "+447700900123", "device-token-1");
    assertThat(choice.candidates().get(2).platform()).isEqualTo(PushPlatform.ANDROID);
    assertThat(choice.refusal()).isNull();
  }

  @Test
  void severalPointsOnAChannelGoOldestFirst() {
    ContactPoint newer = verified(Channel.SMS, "+447700900999", ADDED.plusSeconds(60));
    var choice = ChannelChoice.choose(CategoryPreference.of(Channel.SMS), List.of(newer, phone));
    assertThat(choice.candidates())
        .extracting(DeliveryPlan.Candidate::address)
        .containsExactly("+447700900123", "+447700900999");
  }

  @Test
  void anUnverifiedPointGetsNothing() {
    var choice =
        ChannelChoice.choose(
            CategoryPreference.of(Channel.SMS, Channel.EMAIL),
            List.of(unverified(Channel.SMS, "+447700900555"), email));
    assertThat(choice.candidates())
        .extracting(DeliveryPlan.Candidate::channel)
        .containsExactly(Channel.EMAIL);
  }

  @Test
  void anOptedOutChannelIsNeverChosen() {
    var preference = CategoryPreference.of(Channel.SMS, Channel.PUSH, Channel.EMAIL);
    var choice =
        ChannelChoice.choose(
            preference.withOptedOut(Set.of(Channel.SMS)), List.of(phone, device, email));
    assertThat(choice.candidates())
        .extracting(DeliveryPlan.Candidate::channel)
        .containsExactly(Channel.PUSH, Channel.EMAIL);
  }

  @Test
  void pointsOnChannelsNotChosenAreNotCandidates() {
    var choice = ChannelChoice.choose(CategoryPreference.of(Channel.SMS), List.of(email, hook));
    assertThat(choice.candidates()).isEmpty();
    assertThat(choice.refusal()).isEqualTo(DeliveryPlan.Refusal.NO_VERIFIED_CONTACT_POINT);
    assertThat(choice.detail()).isEqualTo("no verified contact point on sms");
  }

  @Test
  void noChannelLeftIsAnOptOut() {
    var none = ChannelChoice.choose(CategoryPreference.of(), List.of(phone));
    assertThat(none.refusal()).isEqualTo(DeliveryPlan.Refusal.OPTED_OUT);
    assertThat(none.detail()).isEqualTo("no channel chosen for this category");

    var allOut =
        ChannelChoice.choose(
            CategoryPreference.of(Channel.SMS).withOptedOut(Set.of(Channel.SMS, Channel.EMAIL)),
            List.of(phone, email));
    assertThat(allOut.refusal()).isEqualTo(DeliveryPlan.Refusal.OPTED_OUT);
    assertThat(allOut.detail()).isEqualTo("opted out of sms, email");
  }
}
