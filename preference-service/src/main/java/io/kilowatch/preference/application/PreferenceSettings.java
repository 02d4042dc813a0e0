package io.kilowatch.preference.application;

import io.kilowatch.preference.application.port.in.LocaleInput;
import io.kilowatch.preference.domain.PreferenceDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/** The preference service's settings ({@code kilowatch.preference.*}). */
@ConfigurationProperties("kilowatch.preference")
public class PreferenceSettings {
  private String defaultLocale = "en-GB";
  private String defaultTimeZone = "Europe/London";
  private int maxContactPointsPerCustomer = 20;
  private Duration verificationCodeTtl = Duration.ofMinutes(15);
  private int maxVerificationAttempts = 5;
  private Duration resendCooldown = Duration.ofSeconds(60);
  private Duration sendLogRetention = Duration.ofDays(14);

  /** Locale of a customer who has not chosen one (BCP 47). */
  public String getDefaultLocale() {
    return defaultLocale;
  }

  public void setDefaultLocale(String value) {
    if (LocaleInput.parse(value).isEmpty()) {
      throw new IllegalArgumentException(
          "kilowatch.preference.default-locale must be a BCP 47 tag: " + value);
    }
    this.defaultLocale = value;
  }

  /** Time zone of a customer who has not chosen one (IANA id). */
  public String getDefaultTimeZone() {
    return defaultTimeZone;
  }

  public void setDefaultTimeZone(String value) {
    if (value == null || !ZoneId.getAvailableZoneIds().contains(value)) {
      throw new IllegalArgumentException(
          "kilowatch.preference.default-time-zone must be an IANA zone id: " + value);
    }
    this.defaultTimeZone = value;
  }

  /** How many contact points one customer may have; one more is refused with 422. */
  public int getMaxContactPointsPerCustomer() {
    return maxContactPointsPerCustomer;
  }

  public void setMaxContactPointsPerCustomer(int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "kilowatch.preference.max-contact-points-per-customer must be >= 1");
    }
    this.maxContactPointsPerCustomer = value;
  }

  /** How long a verification code works. */
  public Duration getVerificationCodeTtl() {
    return verificationCodeTtl;
  }

  public void setVerificationCodeTtl(Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(
          "kilowatch.preference.verification-code-ttl must be positive");
    }
    this.verificationCodeTtl = value;
  }

  /** Wrong codes allowed before a code is locked and a new one must be requested. */
  public int getMaxVerificationAttempts() {
    return maxVerificationAttempts;
  }

  public void setMaxVerificationAttempts(int value) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "kilowatch.preference.max-verification-attempts must be >= 1");
    }
    this.maxVerificationAttempts = value;
  }

  /** How long after a code was issued a new one may be requested. */
  public Duration getResendCooldown() {
    return resendCooldown;
  }

  public void setResendCooldown(Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException("kilowatch.preference.resend-cooldown must be >= 0");
    }
    this.resendCooldown = value;
  }

  /** How long the send log keeps what was sent; must cover a week for the weekly caps. */
  public Duration getSendLogRetention() {
    return sendLogRetention;
  }

  public void setSendLogRetention(Duration value) {
    if (value == null || value.compareTo(Duration.ofDays(8)) < 0) {
      throw new IllegalArgumentException(
          "kilowatch.preference.send-log-retention must be at least P8D (a week and a day)");
    }
    this.sendLogRetention = value;
  }

  /** The defaults for customers who have set nothing. */
  public PreferenceDefaults defaults() {
    Locale locale = LocaleInput.parse(defaultLocale).orElseThrow();
    return new PreferenceDefaults(locale, ZoneId.of(defaultTimeZone));
  }
}
