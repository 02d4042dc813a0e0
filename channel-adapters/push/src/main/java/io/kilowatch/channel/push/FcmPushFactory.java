package io.kilowatch.channel.push;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Registers one FCM {@link io.kilowatch.channel.ChannelSender} bean per configured profile: {@code
 * fcm} when {@code kilowatch.channels.push.fcm.project-id} is set, {@code fcm-backup} when {@code
 * kilowatch.channels.push.fcm-backup.project-id} is set. Without either the application runs with
 * no push provider. Delivery tells them apart by {@link
 * io.kilowatch.channel.ChannelSender#provider()} or injects one by name ({@code @Named("fcm")},
 * {@code @Named("fcm-backup")}).
 */
@Factory
class FcmPushFactory {

  @Singleton
  @Named("fcm")
  @Requires(property = FcmSettings.PROJECT_ID_PROPERTY)
  @Bean(preDestroy = "close")
  FcmPushSender fcmPushSender(FcmSettings settings) {
    return new FcmPushSender(settings);
  }

  @Singleton
  @Named("fcm-backup")
  @Requires(property = FcmBackupSettings.PROJECT_ID_PROPERTY)
  @Bean(preDestroy = "close")
  FcmPushSender fcmBackupPushSender(FcmBackupSettings settings) {
    return new FcmPushSender(settings);
  }
}
