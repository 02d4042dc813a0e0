package io.kilowatch.channel.push;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The primary FCM profile of the push channel ({@code kilowatch.channels.push.fcm.*}), provider
 * name {@code fcm} by default. The keys are described on {@link FcmProfileSettings}.
 */
@ConfigurationProperties(FcmSettings.PREFIX)
public class FcmSettings extends FcmProfileSettings {
  public static final String PREFIX = "kilowatch.channels.push.fcm";

  /** Property whose presence switches the primary FCM sender on. */
  public static final String PROJECT_ID_PROPERTY = PREFIX + ".project-id";

  public FcmSettings() {
    super("fcm");
  }

  @Override
  public String prefix() {
    return PREFIX;
  }
}
