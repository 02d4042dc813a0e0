package io.kilowatch.rules.domain;

/** What a rule's notifications are about; customers choose channels per category. */
public enum AlertCategory {
  USAGE,
  COST,
  PRICE,
  OUTAGE,
  BILLING
}
