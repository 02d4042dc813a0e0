package io.kilowatch.consent.domain;

import static io.kilowatch.consent.domain.ConsentAction.GRANTED;
import static io.kilowatch.consent.domain.ConsentAction.WITHDRAWN;
import static io.kilowatch.consent.domain.Purpose.ANALYTICS;
import static io.kilowatch.consent.domain.Purpose.MARKETING;
import static io.kilowatch.consent.domain.Purpose.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The derivation of the current consent state from the ledger. */
class ConsentHistoryTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final Instant LATER = T0.plusSeconds(86_400 * 30);

  /** A ledger built entry by entry; ids follow the order entries are added (recorded). */
  static final class Ledger {
    private final List<ConsentFact> facts = new ArrayList<>();

    Ledger add(Purpose purpose, String channel, ConsentAction action, int minutesAfterT0) {
      facts.add(
          new ConsentFact(
              facts.size() + 1, purpose, channel, action, T0.plusSeconds(60L * minutesAfterT0)));
      return this;
    }

    ConsentHistory history() {
      return ConsentHistory.of(facts);
    }
  }

  static Ledger ledger() {
    return new Ledger();
  }

  static Verdict decide(Ledger ledger, Purpose purpose, String channel) {
    return ledger.history().decide(purpose, channel, LATER);
  }

  @Nested
  class Defaults {
    @ParameterizedTest
    @ValueSource(strings = {"sms", "email", "push", "webhook"})
    void serviceAlertsAreAllowedWithoutAnyEntry(String channel) {
      Verdict v = decide(ledger(), SERVICE, channel);
      assertThat(v.allowed()).isTrue();
      assertThat(v.decidedBy()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sms", "email", "push", "webhook"})
    void marketingIsRefusedWithoutAGrant(String channel) {
      Verdict v = decide(ledger(), MARKETING, channel);
      assertThat(v.allowed()).isFalse();
      assertThat(v.refusal()).isEqualTo(Refusal.NO_CONSENT);
    }

    @Test
    void trackingIsRefusedWithoutAGrant() {
      assertThat(decide(ledger(), ANALYTICS, "email").refusal()).isEqualTo(Refusal.NO_CONSENT);
    }

    @Test
    void aGrantForOnePurposeSaysNothingAboutAnother() {
      Ledger l = ledger().add(ANALYTICS, null, GRANTED, 0);
      assertThat(decide(l, MARKETING, "email").refusal()).isEqualTo(Refusal.NO_CONSENT);
      assertThat(decide(l, ANALYTICS, "email").allowed()).isTrue();
    }
  }

  @Nested
  class Marketing {
    @Test
    void aGrantForAllChannelsAllowsEveryChannel() {
      Ledger l = ledger().add(MARKETING, null, GRANTED, 0);
      for (String channel : List.of("sms", "email", "push", "webhook")) {
        Verdict v = decide(l, MARKETING, channel);
        assertThat(v.allowed()).as(channel).isTrue();
        assertThat(v.decidedBy().id()).isEqualTo(1);
      }
    }

    @Test
    void aGrantForOneChannelAllowsOnlyThatChannel() {
      Ledger l = ledger().add(MARKETING, "email", GRANTED, 0);
      assertThat(decide(l, MARKETING, "email").allowed()).isTrue();
      assertThat(decide(l, MARKETING, "sms").refusal()).isEqualTo(Refusal.NO_CONSENT);
    }

    @Test
    void smsStopAfterAGrantForAllChannelsWithdrawsSmsOnly() {
      Ledger l = ledger().add(MARKETING, null, GRANTED, 0).add(MARKETING, "sms", WITHDRAWN, 10);
      Verdict sms = decide(l, MARKETING, "sms");
      assertThat(sms.refusal()).isEqualTo(Refusal.WITHDRAWN);
      assertThat(sms.decidedBy().id()).isEqualTo(2);
      assertThat(decide(l, MARKETING, "email").allowed()).isTrue();
    }

    @Test
    void aLaterGrantForAllChannelsOverridesAnEarlierSmsStop() {
      Ledger l =
          ledger()
              .add(MARKETING, null, GRANTED, 0)
              .add(MARKETING, "sms", WITHDRAWN, 10)
              .add(MARKETING, null, GRANTED, 20);
      assertThat(decide(l, MARKETING, "sms").allowed()).isTrue();
    }

    @Test
    void aWithdrawalForAllChannelsOverridesEarlierChannelGrants() {
      Ledger l =
          ledger()
              .add(MARKETING, "email", GRANTED, 0)
              .add(MARKETING, "sms", GRANTED, 1)
              .add(MARKETING, null, WITHDRAWN, 2);
      assertThat(decide(l, MARKETING, "email").refusal()).isEqualTo(Refusal.WITHDRAWN);
      assertThat(decide(l, MARKETING, "sms").refusal()).isEqualTo(Refusal.WITHDRAWN);
    }

    @Test
    void aChannelGrantAfterAWithdrawalForAllChannelsAllowsThatChannelAgain() {
      Ledger l =
          ledger()
              .add(MARKETING, null, GRANTED, 0)
              .add(MARKETING, null, WITHDRAWN, 1)
              .add(MARKETING, "email", GRANTED, 2);
      assertThat(decide(l, MARKETING, "email").allowed()).isTrue();
      assertThat(decide(l, MARKETING, "sms").refusal()).isEqualTo(Refusal.WITHDRAWN);
    }

    @Test
    void grantWithdrawGrantEndsGranted() {
      Ledger l =
          ledger()
              .add(MARKETING, "email", GRANTED, 0)
              .add(MARKETING, "email", WITHDRAWN, 1)
              .add(MARKETING, "email", GRANTED, 2);
      assertThat(decide(l, MARKETING, "email").allowed()).isTrue();
    }
  }

  @Nested
  class ServiceAlerts {
    @Test
    void aWithdrawalForOneChannelRefusesThatChannelOnly() {
      Ledger l = ledger().add(SERVICE, "sms", WITHDRAWN, 0);
      assertThat(decide(l, SERVICE, "sms").refusal()).isEqualTo(Refusal.WITHDRAWN);
      assertThat(decide(l, SERVICE, "email").allowed()).isTrue();
    }

    @Test
    void aWithdrawalForAllChannelsRefusesEveryChannel() {
      Ledger l = ledger().add(SERVICE, null, WITHDRAWN, 0);
      for (String channel : List.of("sms", "email", "push", "webhook")) {
        assertThat(decide(l, SERVICE, channel).refusal()).as(channel).isEqualTo(Refusal.WITHDRAWN);
      }
    }

    @Test
    void aGrantAfterAWithdrawalAllowsAgain() {
      Ledger l = ledger().add(SERVICE, "sms", WITHDRAWN, 0).add(SERVICE, "sms", GRANTED, 5);
      assertThat(decide(l, SERVICE, "sms").allowed()).isTrue();
    }

    @Test
    void marketingEntriesDoNotTouchServiceAlerts() {
      Ledger l = ledger().add(MARKETING, null, WITHDRAWN, 0);
      assertThat(decide(l, SERVICE, "sms").allowed()).isTrue();
    }
  }

  @Nested
  class Ordering {
    @Test
    void anOlderEntryRecordedLaterDoesNotOverrideANewerOne() {
      // a withdrawal at minute 10, then a grant expressed at minute 5 arrives (e.g. an import)
      Ledger l = ledger().add(MARKETING, "sms", WITHDRAWN, 10).add(MARKETING, "sms", GRANTED, 5);
      Verdict v = decide(l, MARKETING, "sms");
      assertThat(v.refusal()).isEqualTo(Refusal.WITHDRAWN);
      assertThat(v.decidedBy().id()).isEqualTo(1);
    }

    @Test
    void entriesOfTheSameInstantAreDecidedByRecordingOrder() {
      Ledger l = ledger().add(MARKETING, "sms", GRANTED, 3).add(MARKETING, "sms", WITHDRAWN, 3);
      assertThat(decide(l, MARKETING, "sms").refusal()).isEqualTo(Refusal.WITHDRAWN);
    }

    @Test
    void entriesAfterTheAskedInstantAreNotYetKnown() {
      Ledger l = ledger().add(MARKETING, "sms", GRANTED, 0).add(MARKETING, "sms", WITHDRAWN, 60);
      ConsentHistory h = l.history();
      assertThat(h.decide(MARKETING, "sms", T0.plusSeconds(30 * 60)).allowed()).isTrue();
      assertThat(h.decide(MARKETING, "sms", T0.plusSeconds(60 * 60)).allowed()).isFalse();
      assertThat(h.decide(MARKETING, "sms", T0.minusSeconds(1)).refusal())
          .isEqualTo(Refusal.NO_CONSENT);
    }
  }

  @Nested
  class Erased {
    @Test
    void anErasedPersonIsRefusedEveryPurposeOnEveryChannel() {
      ConsentHistory h = ConsentHistory.erased();
      for (Purpose purpose : Purpose.values()) {
        for (String channel : List.of("sms", "email", "push", "webhook")) {
          Verdict v = h.decide(purpose, channel, LATER);
          assertThat(v.allowed()).isFalse();
          assertThat(v.refusal()).isEqualTo(Refusal.ERASED);
        }
      }
      assertThat(h.isErased()).isTrue();
      assertThat(h.facts()).isEmpty();
    }

    @Test
    void erasureIsTheNewestVersionThereIs() {
      ConsentHistory granted = ledger().add(MARKETING, null, GRANTED, 0).history();
      assertThat(ConsentHistory.erased().version()).isGreaterThan(granted.version());
    }
  }

  @Test
  void versionIsTheHighestLedgerId() {
    assertThat(ledger().history().version()).isZero();
    Ledger l = ledger().add(MARKETING, "sms", WITHDRAWN, 10).add(MARKETING, "sms", GRANTED, 5);
    assertThat(l.history().version()).isEqualTo(2);
  }

  @Test
  void inForceKeepsTheLatestEntryPerPurposeAndChannelScope() {
    Ledger l =
        ledger()
            .add(MARKETING, "sms", GRANTED, 0) // 1: overridden by 3
            .add(MARKETING, "email", GRANTED, 1) // 2: overridden by 3
            .add(MARKETING, null, WITHDRAWN, 2) // 3
            .add(MARKETING, "email", GRANTED, 3) // 4: beside 3, for email
            .add(SERVICE, "sms", WITHDRAWN, 4) // 5
            .add(SERVICE, "sms", GRANTED, 5); // 6: overrides 5
    assertThat(l.history().inForce()).extracting(ConsentFact::id).containsExactly(3L, 4L, 6L);
  }
}
