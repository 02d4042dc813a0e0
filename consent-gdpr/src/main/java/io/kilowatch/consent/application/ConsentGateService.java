package io.kilowatch.consent.application;

import io.kilowatch.consent.ConsentDecision;
import io.kilowatch.consent.ConsentGate;
import io.kilowatch.consent.ErasedSubjects;
import io.kilowatch.consent.application.port.in.Inputs;
import io.kilowatch.consent.domain.Category;
import io.kilowatch.consent.domain.ConsentHistory;
import io.kilowatch.consent.domain.LawfulBasis;
import io.kilowatch.consent.domain.Purpose;
import io.kilowatch.consent.domain.Refusal;
import io.kilowatch.consent.domain.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The consent gate and the erased-subject check, answered from {@link ConsentStates}. Counts every
 * decision in {@code kilowatch.consent.decisions{purpose, result}} (result {@code allowed} or the
 * refusal reason).
 */
@Singleton
public class ConsentGateService implements ConsentGate, ErasedSubjects {
  private final ConsentStates states;
  private final Map<String, Counter> counters = new HashMap<>();

  ConsentGateService(ConsentStates states, MeterRegistry metrics) {
    this.states = states;
    for (Purpose purpose : Purpose.values()) {
      count(metrics, purpose, "allowed");
      for (Refusal refusal : Refusal.values()) {
        count(metrics, purpose, refusal.wireName());
      }
    }
  }

  private void count(MeterRegistry metrics, Purpose purpose, String result) {
    counters.put(
        purpose.wireName() + "/" + result,
        Counter.builder("kilowatch.consent.decisions")
            .description("Consent gate decisions by purpose and result")
            .tag("purpose", purpose.wireName())
            .tag("result", result)
            .register(metrics));
  }

  @Override
  public ConsentDecision decide(String customerId, String category, String channel, Instant at) {
    Category c =
        Category.fromWire(category)
            .orElseThrow(() -> new IllegalArgumentException("unknown category: " + category));
    return decide(customerId, c.purpose(), c.lawfulBasis(), channel, at);
  }

  @Override
  public ConsentDecision decideTracking(String customerId, String channel, Instant at) {
    return decide(customerId, Purpose.ANALYTICS, LawfulBasis.CONSENT, channel, at);
  }

  @Override
  public boolean isErased(String customerId) {
    Objects.requireNonNull(customerId, "customerId");
    return states.isErased(customerId);
  }

  private ConsentDecision decide(
      String customerId, Purpose purpose, LawfulBasis basis, String channel, Instant at) {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(at, "at");
    if (!Inputs.isChannel(channel)) {
      throw new IllegalArgumentException("unknown channel: " + channel);
    }
    ConsentHistory history = states.current(customerId);
    Verdict verdict = history.decide(purpose, channel, at);
    String result = verdict.allowed() ? "allowed" : verdict.refusal().wireName();
    counters.get(purpose.wireName() + "/" + result).increment();
    return verdict.allowed()
        ? ConsentDecision.allow(purpose.wireName(), basis.wireName())
        : ConsentDecision.refuse(
            purpose.wireName(), basis.wireName(), verdict.refusal().wireName());
  }
}
