package io.kilowatch.rules.adapter.in.web;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.kilowatch.rules.application.port.in.RuleInput;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code POST /api/v1/rules} and {@code PATCH /api/v1/rules/{id}}. Numbers are read as
 * their exact text ({@link DecimalText}); each setter records that its field was present, so that a
 * change can tell {@code "aboveReset": null} (clear it) from a field left out (keep it). Mutable,
 * for Jackson; one instance per request.
 */
public class RuleRequest {
  private final Set<String> present = new HashSet<>();
  private String kind;
  private String thresholdKwh;
  private String percent;
  private String amount;
  private String currency;
  private String region;
  private String tariff;
  private String timing;
  private String above;
  private String aboveReset;
  private String below;
  private String belowReset;
  private String meterId;
  private List<String> channels;
  private String cooldown;
  private Boolean active;

  RuleInput toInput() {
    return new RuleInput(
        kind,
        thresholdKwh,
        percent,
        amount,
        currency,
        region,
        tariff,
        timing,
        above,
        aboveReset,
        below,
        belowReset,
        meterId,
        channels,
        cooldown,
        active,
        present);
  }

  public void setKind(String kind) {
    present.add("kind");
    this.kind = kind;
  }

  @JsonDeserialize(using = DecimalText.class)
  public void setThresholdKwh(String thresholdKwh) {
    present.add("thresholdKwh");
    this.thresholdKwh = thresholdKwh;
  }

  @JsonDeserialize(using = DecimalText.class)
  public void setPercent(String percent) {
    present.add("percent");
    this.percent = percent;
  }

  @JsonDeserialize(using = DecimalText.class)
  public void setAmount(String amount) {
    present.add("amount");
    this.amount = amount;
  }

  public void setCurrency(String currency) {
    present.add("currency");
    this.currency = currency;
  }

  public void setRegion(String region) {
    present.add("region");
    this.region = region;
  }

  public void setTariff(String tariff) {
    present.add("tariff");
    this.tariff = tariff;
  }

  public void setTiming(String timing) {
    present.add("timing");
    this.timing = timing;
  }

  @JsonDeserialize(using = DecimalText.class)
  public void setAbove(String above) {
    present.add("above");
    this.above = above;
  }

  @JsonDeserialize(using = DecimalText.class)
  public void setAboveReset(String aboveReset) {
    present.add("aboveReset");
    this.aboveReset = aboveReset;
  }

  @JsonDeserialize(using = DecimalText.class)
  public void setBelow(String below) {
    present.add("below");
    this.below = below;
  }

  @JsonDeserialize(using = DecimalText.class)
  public void setBelowReset(String belowReset) {
    present.add("belowReset");
    this.belowReset = belowReset;
  }

  public void setMeterId(String meterId) {
    present.add("meterId");
    this.meterId = meterId;
  }

  @JsonDeserialize(using = ChannelsText.class)
  public void setChannels(List<String> channels) {
    present.add("channels");
    this.channels = channels;
  }

  public void setCooldown(String cooldown) {
    present.add("cooldown");
    this.cooldown = cooldown;
  }

  public void setActive(Boolean active) {
    present.add("active");
    this.active = active;
  }
}
