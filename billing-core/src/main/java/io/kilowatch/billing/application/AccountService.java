package io.kilowatch.billing.application;

import io.kilowatch.billing.application.port.in.OpenAccountCommand;
import io.kilowatch.billing.application.port.out.AccountStore;
import io.kilowatch.billing.application.port.out.MeterOwnership;
import io.kilowatch.billing.domain.Account;
import io.kilowatch.events.EventEnvelope;
import io.kilowatch.events.EventTypes;
import io.kilowatch.events.billing.MeterAssigned;
import io.kilowatch.platform.messaging.Outbox;
import io.kilowatch.platform.web.FieldError;
import io.kilowatch.platform.web.InvalidInputException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens and reads customers' accounts. Opening is idempotent: the same customer with the same data
 * again changes nothing and publishes nothing. Thread-safe.
 */
@Singleton
public class AccountService {
  public static final String EVENT_SOURCE = "/kilowatch/billing-core";

  private final AccountStore accounts;
  private final MeterOwnership ownership;
  private final Outbox outbox;
  private final Clock clock;

  AccountService(AccountStore accounts, MeterOwnership ownership, Outbox outbox, Clock clock) {
    this.accounts = accounts;
    this.ownership = ownership;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Opens the account and assigns its meters, publishing one {@code MeterAssigned} per meter in the
   * same transaction.
   *
   * @throws InvalidInputException 409 naming {@code meters[i]} when a meter currently belongs to
   *     another customer, or naming the differing fields when the account exists with other data
   */
  @Transactional
  public OpenedAccount open(OpenAccountCommand command) {
    // Concurrent requests for the same customer or the same meter queue here, so the checks
    // below see every committed assignment; the unique index on current assignments backs them.
    accounts.lock("billing.customer:" + command.customerId());
    command.meters().stream().sorted().forEach(meter -> accounts.lock("billing.meter:" + meter));

    Optional<Account> existing = accounts.find(command.customerId());
    if (existing.isPresent()) {
      List<String> differing =
          existing
              .get()
              .differingFields(
                  command.name(), command.region(), command.timeZone(), command.meters());
      if (differing.isEmpty()) {
        return new OpenedAccount(existing.get(), false);
      }
      throw new InvalidInputException(
          HttpStatus.CONFLICT,
          differing.stream()
              .map(
                  field ->
                      new FieldError(
                          field,
                          "account "
                              + command.customerId()
                              + " already exists with a different "
                              + field))
              .toList());
    }

    Map<String, String> owners = ownership.currentOwners(command.meters());
    List<FieldError> taken = new ArrayList<>();
    for (int i = 0; i < command.meters().size(); i++) {
      String meter = command.meters().get(i);
      if (owners.containsKey(meter)) {
        // the other customer is not named: the caller may not be entitled to know them
        taken.add(
            new FieldError(
                "meters[" + i + "]", "meter " + meter + " is assigned to another customer"));
      }
    }
    if (!taken.isEmpty()) {
      throw new InvalidInputException(HttpStatus.CONFLICT, taken);
    }

    Instant now = now();
    Account account =
        Account.open(
            command.customerId(),
            command.name(),
            command.region(),
            command.timeZone(),
            command.meters(),
            command.assignedFrom(now).truncatedTo(ChronoUnit.MICROS),
            now);
    accounts.insert(account);
    for (var assignment : account.meters()) {
      outbox.append(
          EventEnvelope.of(
              EventTypes.METER_ASSIGNED,
              EVENT_SOURCE,
              now,
              "customer/" + account.customerId(),
              new MeterAssigned(
                  account.customerId(),
                  assignment.meterId(),
                  account.region(),
                  account.timeZone(),
                  assignment.assignedFrom())));
    }
    return new OpenedAccount(account, true);
  }

  @Transactional(readOnly = true)
  public Optional<Account> find(String customerId) {
    return accounts.find(customerId);
  }

  /** PostgreSQL keeps microseconds: what we return and publish must equal what we read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
