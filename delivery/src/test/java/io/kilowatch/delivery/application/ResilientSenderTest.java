package io.kilowatch.delivery.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.channel.Channel;
import io.kilowatch.channel.ChannelSender;
import io.kilowatch.channel.OutboundMessage;
import io.kilowatch.channel.SendResult;
import io.kilowatch.delivery.domain.DeliveryJob;
import io.kilowatch.events.notification.NotificationCategory;
import io.kilowatch.events.notification.NotificationPriority;
import io.kilowatch.events.notification.NotificationRequested;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retry policy of the send step, against a provider that answers from a script. */
class ResilientSenderTest {
  final DeliverySettings settings = settings();
  final ResilientSender sender =
      new ResilientSender(settings, List.of(), new SimpleMeterRegistry(), Clock.systemUTC());
  final OutboundMessage message = OutboundMessage.sms("n-1", "+447700900123", "hi");

  @Test
  void retriesRetryableFailuresThenSucceeds() {
    var provider =
        new ScriptedSender(
            new SendResult.RetryableFailure("p", "503", "down", null),
            new SendResult.Accepted("p", "SM1"));
    DeliveryJob job = job();
    SendResult result = sender.send(provider, message, job);
    assertThat(result).isEqualTo(new SendResult.Accepted("p", "SM1"));
    assertThat(job.attempts()).hasSize(2);
    assertThat(job.attempts().get(0).result()).isInstanceOf(SendResult.RetryableFailure.class);
  }

  @Test
  void doesNotRetryPermanentFailures() {
    var provider = new ScriptedSender(new SendResult.PermanentFailure("p", "21211", "invalid"));
    DeliveryJob job = job();
    assertThat(sender.send(provider, message, job)).isInstanceOf(SendResult.PermanentFailure.class);
    assertThat(job.attempts()).hasSize(1);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastAnswer() {
    var failure = new SendResult.RetryableFailure("p", "429", "slow down", Duration.ofMillis(5));
    var provider = new ScriptedSender(failure, failure, failure, failure);
    DeliveryJob job = job();
    assertThat(sender.send(provider, message, job)).isEqualTo(failure);
    assertThat(job.attempts()).hasSize(3);
    assertThat(provider.remaining()).isEqualTo(1);
  }

  @Test
  void honoursRetryAfterUpToTheCap() {
    var provider =
        new ScriptedSender(
            new SendResult.RetryableFailure("p", "429", "slow down", Duration.ofMillis(150)),
            new SendResult.Accepted("p", "SM2"));
    DeliveryJob job = job();
    sender.send(provider, message, job);
    Duration waited = Duration.between(job.attempts().get(0).at(), job.attempts().get(1).at());
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(140));
  }

  @Test
  void breakerOpensAfterRepeatedFailuresAndStopsCallingTheProvider() {
    ProviderLimits limits = new ProviderLimits("p");
    limits.setBreakerFailures(3);
    limits.setBreakerWindow(3);
    limits.setBreakerDelay(Duration.ofMinutes(1));
    var guarded =
        new ResilientSender(
            settings, List.of(limits), new SimpleMeterRegistry(), Clock.systemUTC());
    var down = new SendResult.RetryableFailure("p", "503", "down", null);
    var provider = new ScriptedSender(down, down, down, down, down, down);

    SendResult first = guarded.send(provider, message, job());
    assertThat(first).isEqualTo(down);
    assertThat(guarded.isAvailable("p")).isFalse();

    DeliveryJob next = job();
    SendResult second = guarded.send(provider, message, next);
    assertThat(second)
        .isInstanceOfSatisfying(
            SendResult.RetryableFailure.class,
            f -> assertThat(f.errorCode()).isEqualTo(ResilientSender.CIRCUIT_OPEN));
    assertThat(next.attempts()).isEmpty();
    assertThat(provider.remaining()).isEqualTo(3);
  }

  @Test
  void rateLimiterRefusesCallsBeyondTheProvidersRate() {
    ProviderLimits limits = new ProviderLimits("p");
    limits.setRatePerSecond(0.1); // one call per 10 s
    limits.setMaxRateWait(Duration.ofMillis(1));
    var limited =
        new ResilientSender(
            settings, List.of(limits), new SimpleMeterRegistry(), Clock.systemUTC());
    var ok = new SendResult.Accepted("p", "SM");
    var provider = new ScriptedSender(ok, ok);
    assertThat(limited.send(provider, message, job())).isEqualTo(ok);
    DeliveryJob second = job();
    assertThat(limited.send(provider, message, second))
        .isInstanceOfSatisfying(
            SendResult.RetryableFailure.class,
            f -> assertThat(f.errorCode()).isEqualTo(ResilientSender.RATE_LIMITED));
    assertThat(second.attempts()).isEmpty();
    assertThat(provider.remaining()).isEqualTo(1);
  }

  private static DeliverySettings settings() {
    DeliverySettings s = new DeliverySettings();
    s.setMaxAttempts(3);
    s.setRetryDelay(Duration.ofMillis(1));
    s.setMaxRetryDelay(Duration.ofMillis(500));
    return s;
  }

  private static DeliveryJob job() {
    return new DeliveryJob(
        new NotificationRequested(
            "n-1",
            "C-1",
            NotificationCategory.USAGE,
            NotificationPriority.NORMAL,
            "t",
            "k",
            Map.of(),
            Instant.now()),
        System.nanoTime());
  }

  /** A provider that answers from a script, one answer per call. */
  static final class ScriptedSender implements ChannelSender {
    private final Deque<SendResult> answers;

    ScriptedSender(SendResult... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    int remaining() {
      return answers.size();
    }

    @Override
    public Channel channel() {
      return Channel.SMS;
    }

    @Override
    public String provider() {
      return "p";
    }

    @Override
    public synchronized SendResult send(OutboundMessage message) {
      return answers.removeFirst();
    }
  }
}
