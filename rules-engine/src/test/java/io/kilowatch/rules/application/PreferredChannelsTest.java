package io.kilowatch.rules.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.events.EventCodec;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.notification.NotificationRequested;
import io.kilowatch.events.pricing.PriceChanged;
import io.kilowatch.rules.domain.Rule;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every rule kind carries the channels its rule prefers in {@code NotificationRequested.channels},
 * in the customer's order; a rule on "my preferences" sends none, so delivery uses the customer's
 * channel preferences.
 */
class PreferredChannelsTest {
  RulesEngineFixture engine = new RulesEngineFixture();

  @Test
  void everyKindRequestsTheRulesChannelsOrNoneForPreferences() {
    List<Rule> picked =
        EveryRuleKind.rules(engine, "C-picked", "MTR-picked", "channels", "push,sms");
    List<Rule> prefs =
        EveryRuleKind.rules(engine, "C-prefs", "MTR-prefs", "channels", "preferences");
    EveryRuleKind.rules(engine, "C-default", "MTR-default"); // no channels given

    EveryRuleKind.events(
        engine,
        List.of("C-picked", "C-prefs", "C-default"),
        List.of("MTR-picked", "MTR-prefs", "MTR-default"));

    Set<String> allKeys = templateKeys();
    for (String customer : List.of("C-picked", "C-prefs", "C-default")) {
      List<NotificationRequested> sent = engine.sentTo(customer);
      assertThat(sent.stream().map(NotificationRequested::templateKey).collect(Collectors.toSet()))
          .as("every template key, so every kind, notified " + customer)
          .isEqualTo(allKeys);
      Set<String> ruleIds =
          sent.stream().map(n -> n.idempotencyKey().split(":")[1]).collect(Collectors.toSet());
      List<Rule> own =
          customer.equals("C-picked") ? picked : customer.equals("C-prefs") ? prefs : null;
      if (own != null) {
        assertThat(ruleIds)
            .as("every rule of " + customer + " notified")
            .isEqualTo(own.stream().map(r -> r.id().toString()).collect(Collectors.toSet()));
      }
      List<String> expected = customer.equals("C-picked") ? List.of("push", "sms") : List.of();
      for (NotificationRequested n : sent) {
        assertThat(n.channels()).as(n.templateKey() + " " + customer).isEqualTo(expected);
      }
    }
  }

  @Test
  void theChannelsOnTheWireAreTheRulesAtTheTimeItFires() {
    engine.assign("C-1", "MTR-1", "GB-LON", "Europe/London");
    Rule rule =
        engine.create("C-1", "kind", "price-threshold", "above", "30", "channels", "email,webhook");

    move("28", "31");
    engine.change(rule, "channels", "sms");
    move("31", "29");
    move("29", "32");
    engine.change(engine.rules.get("C-1", rule.id()), "channels", "preferences");
    move("32", "29");
    move("29", "33");

    List<NotificationRequested> sent = engine.sent();
    assertThat(sent)
        .extracting(NotificationRequested::channels)
        .containsExactly(List.of("email", "webhook"), List.of("sms"), List.of());
    var envelope = engine.db.outbox.get(0);
    var decoded = EventCodec.decode(EventCodec.encode(envelope), EventTypes.NOTIFICATION_REQUESTED);
    assertThat(decoded.data().channels()).containsExactly("email", "webhook");
  }

  private void move(String from, String to) {
    engine.prices.onPriceChanged(
        RulesEngineFixture.eventId(),
        engine.clock.instant(),
        new PriceChanged(
            "GB-LON", null, from, to, "GBP", Instant.parse("2026-07-15T08:30:00Z"), null, false));
  }

  /** Every template key the rules engine declares it requests. */
  static Set<String> templateKeys() {
    return Arrays.stream(Templates.class.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(
            f -> {
              try {
                return (String) f.get(null);
              } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
              }
            })
        .collect(Collectors.toSet());
  }
}
