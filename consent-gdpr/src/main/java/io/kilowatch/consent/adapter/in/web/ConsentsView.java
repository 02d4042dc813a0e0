package io.kilowatch.consent.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kilowatch.channel.Channel;
import io.kilowatch.consent.application.CustomerConsents;
import io.kilowatch.consent.domain.Category;
import io.kilowatch.consent.domain.ConsentEntry;
import io.kilowatch.consent.domain.LawfulBasis;
import io.kilowatch.consent.domain.Purpose;
import io.kilowatch.consent.domain.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's consent as the API shows it: per purpose and channel whether messages may go out and
 * why, and the ledger with its evidence, newest first. Instants are ISO-8601 UTC.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ConsentsView(
    String customerId, String asOf, List<PurposeView> purposes, List<EntryView> history) {

  /**
   * One purpose.
   *
   * @param lawfulBasis per category (or {@code tracking}) the GDPR ground messages are sent on
   * @param channels per channel: allowed, or the reason for refusing
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record PurposeView(
      String purpose,
      boolean requiresOptIn,
      Map<String, String> lawfulBasis,
      Map<String, ChannelView> channels) {}

  /**
   * @param decidedBy the ledger entry the answer rests on; null for the purpose's default
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ChannelView(boolean allowed, String reason, Long decidedBy) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record EntryView(
      long id,
      String purpose,
      String channel,
      String action,
      String source,
      String actor,
      String ipOrIdentity,
      String textVersion,
      String reference,
      String occurredAt,
      String recordedAt) {
    static EntryView of(ConsentEntry e) {
      return new EntryView(
          e.id(),
          e.purpose().wireName(),
          e.channel(),
          e.action().wireName(),
          e.source().wireName(),
          e.actor(),
          e.ipOrIdentity(),
          e.textVersion(),
          e.reference(),
          e.occurredAt().toString(),
          e.recordedAt().toString());
    }
  }

  static ConsentsView of(CustomerConsents consents) {
    List<PurposeView> purposes = new ArrayList<>();
    for (Purpose purpose : Purpose.values()) {
      Map<String, ChannelView> channels = new LinkedHashMap<>();
      for (Channel channel : Channel.values()) {
        Verdict v = consents.state().decide(purpose, channel.wireName(), consents.asOf());
        channels.put(
            channel.wireName(),
            new ChannelView(
                v.allowed(),
                v.allowed() ? null : v.refusal().wireName(),
                v.basis().map(f -> f.id()).orElse(null)));
      }
      purposes.add(
          new PurposeView(purpose.wireName(), purpose.requiresOptIn(), bases(purpose), channels));
    }
    List<EntryView> history =
        new ArrayList<>(consents.entries().stream().map(EntryView::of).toList());
    Collections.reverse(history);
    return new ConsentsView(consents.customerId(), consents.asOf().toString(), purposes, history);
  }

  private static Map<String, String> bases(Purpose purpose) {
    Map<String, String> bases = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      if (c.purpose() == purpose) {
        bases.put(c.wireName(), c.lawfulBasis().wireName());
      }
    }
    if (purpose == Purpose.ANALYTICS) {
      bases.put("tracking", LawfulBasis.CONSENT.wireName());
    }
    return bases;
  }
}
