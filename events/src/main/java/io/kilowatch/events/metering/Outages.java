package io.kilowatch.events.metering;

/** The scope rule both outage events share. */
final class Outages {
  private Outages() {}

  static void requireScope(String region, String meterId) {
    if ((region == null || region.isBlank()) && (meterId == null || meterId.isBlank())) {
      throw new IllegalArgumentException("an outage needs a region, a meterId or both");
    }
    if (region != null && region.isBlank() || meterId != null && meterId.isBlank()) {
      throw new IllegalArgumentException("region and meterId must not be blank when given");
    }
  }
}
