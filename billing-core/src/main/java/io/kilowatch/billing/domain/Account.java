package io.kilowatch.billing.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A customer's account: who they are for billing, where they are supplied and which meters are
 * theirs. Immutable.
 *
 * @param customerId the customer, also the account's id
 * @param name account holder's name
 * @param region supply region (grid area), e.g. {@code GB-LON}
 * @param timeZone IANA zone of the supply address
 * @param meters the meters' assignments, current and past, in the order they were made
 * @param createdAt when the account was opened
 */
public record Account(
    String customerId,
    String name,
    String region,
    String timeZone,
    List<MeterAssignment> meters,
    Instant createdAt) {
  public Account {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(createdAt, "createdAt");
    meters = List.copyOf(meters);
  }

  /** Opens an account whose meters are all assigned from {@code now}. */
  public static Account open(
      String customerId,
      String name,
      String region,
      String timeZone,
      List<String> meterIds,
      Instant assignedFrom,
      Instant now) {
    return new Account(
        customerId,
        name,
        region,
        timeZone,
        meterIds.stream().map(m -> new MeterAssignment(m, assignedFrom, null)).toList(),
        now);
  }

  /** The meters currently assigned to this account. */
  public List<String> currentMeterIds() {
    return meters.stream()
        .filter(MeterAssignment::isCurrent)
        .map(MeterAssignment::meterId)
        .toList();
  }

  /**
   * The fields in which the given account data differs from this account; empty when opening the
   * account again with this data changes nothing. Meters compare as a set (order does not matter).
   */
  public List<String> differingFields(
      String name, String region, String timeZone, List<String> meterIds) {
    List<String> fields = new ArrayList<>();
    if (!this.name.equals(name)) {
      fields.add("name");
    }
    if (!this.region.equals(region)) {
      fields.add("region");
    }
    if (!this.timeZone.equals(timeZone)) {
      fields.add("timeZone");
    }
    Set<String> current = new HashSet<>(currentMeterIds());
    if (!current.equals(new HashSet<>(meterIds))) {
      fields.add("meters");
    }
    return fields;
  }
}
