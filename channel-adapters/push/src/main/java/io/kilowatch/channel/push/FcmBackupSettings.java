package io.kilowatch.channel.push;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The backup FCM profile ({@code kilowatch.channels.push.fcm-backup.*}): the same keys as the
 * primary ({@link FcmProfileSettings}), none inherited from it, provider name {@code fcm-backup} by
 * default. Delivery fails over to it when the primary profile keeps failing, e.g. when its service
 * account key was revoked.
 */
@ConfigurationProperties(FcmBackupSettings.PREFIX)
public class FcmBackupSettings extends FcmProfileSettings {
  public static final String PREFIX = "kilowatch.channels.push.fcm-backup";

  /** Property whose presence switches the backup FCM sender on. */
  public static final String PROJECT_ID_PROPERTY = PREFIX + ".project-id";

  public FcmBackupSettings() {
    super("fcm-backup");
  }

  @Override
  public String prefix() {
    return PREFIX;
  }
}
