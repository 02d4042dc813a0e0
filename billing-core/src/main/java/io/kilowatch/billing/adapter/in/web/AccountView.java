package io.kilowatch.billing.adapter.in.web;

import io.kilowatch.billing.domain.Account;
import java.time.Instant;
import java.util.List;

/** An account as the HTTP API shows it; instants are ISO-8601 UTC. */
record AccountView(
    String customerId,
    String name,
    String region,
    String timeZone,
    List<MeterView> meters,
    String createdAt) {

  record MeterView(String meterId, String assignedFrom, String assignedTo) {}

  static AccountView of(Account account) {
    return new AccountView(
        account.customerId(),
        account.name(),
        account.region(),
        account.timeZone(),
        account.meters().stream()
            .map(m -> new MeterView(m.meterId(), m.assignedFrom().toString(), text(m.assignedTo())))
            .toList(),
        account.createdAt().toString());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
