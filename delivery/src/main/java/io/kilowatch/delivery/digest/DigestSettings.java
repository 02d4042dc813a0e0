package io.kilowatch.delivery.digest;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One category configured as digest: {@code kilowatch.delivery.digest.<category>.window}, e.g.
 * {@code kilowatch.delivery.digest.price.window=PT24H} or {@code 08:00} (daily, customer's time).
 */
@EachProperty("kilowatch.delivery.digest")
public class DigestSettings {
  private final String category;
  private String window;

  public DigestSettings(@Parameter String category) {
    this.category = category;
  }

  public String getCategory() {
    return category;
  }

  public String getWindow() {
    return window;
  }

  public void setWindow(String window) {
    this.window = window;
  }
}
