package io.kilowatch.preference.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kilowatch.preference.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PendingVerificationTest {
  static final UUID POINT = UUID.fromString("00000000-0000-4000-8000-000000000001");
  static final Duration TTL = Duration.ofMinutes(15);
  static final int MAX = 5;

  final MutableClock clock = new MutableClock(Instant.parse("2026-07-15T09:00:00Z"));
  final PendingVerification issued =
      PendingVerification.issue(POINT, "042137", clock.instant(), TTL);

  @Test
  void onlyAHashBoundToThePointIsKept() {
    assertThat(issued.codeHash()).doesNotContain("042137").hasSize(64);
    var sameCodeOtherPoint =
        PendingVerification.issue(UUID.randomUUID(), "042137", clock.instant(), TTL);
    assertThat(sameCodeOtherPoint.codeHash()).isNotEqualTo(issued.codeHash());
    assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-07-15T09:15:00Z"));
    assertThat(issued.attemptsLeft(MAX)).isEqualTo(5);
  }

  @Test
  void theRightCodeInTimeVerifies() {
    clock.advance(TTL.minusNanos(1));
    assertThat(issued.check("042137", clock.instant(), MAX))
        .isEqualTo(VerificationOutcome.VERIFIED);
  }

  @Test
  void fifteenMinutesLaterEvenTheRightCodeHasExpired() {
    clock.advance(TTL);
    assertThat(issued.check("042137", clock.instant(), MAX)).isEqualTo(VerificationOutcome.EXPIRED);
    assertThat(issued.check("999999", clock.instant(), MAX)).isEqualTo(VerificationOutcome.EXPIRED);
  }

  @Test
  void afterFiveWrongCodesEvenTheRightOneIsRefused() {
    PendingVerification v = issued;
    for (int i = 0; i < MAX; i++) {
      assertThat(v.check("000000", clock.instant(), MAX)).isEqualTo(VerificationOutcome.WRONG_CODE);
      v = v.withFailedAttempt();
    }
    assertThat(v.attemptsLeft(MAX)).isZero();
    assertThat(v.check("042137", clock.instant(), MAX))
        .isEqualTo(VerificationOutcome.TOO_MANY_ATTEMPTS);
  }

  @Test
  void theFifthAttemptMayStillBeRight() {
    PendingVerification v = issued;
    for (int i = 0; i < MAX - 1; i++) {
      v = v.withFailedAttempt();
    }
    assertThat(v.check("042137", clock.instant(), MAX)).isEqualTo(VerificationOutcome.VERIFIED);
  }

  @Test
  void somethingThatIsNotACodeIsWrong() {
    assertThat(issued.check("42137", clock.instant(), MAX))
        .isEqualTo(VerificationOutcome.WRONG_CODE);
    assertThat(issued.check(null, clock.instant(), MAX)).isEqualTo(VerificationOutcome.WRONG_CODE);
    assertThat(PendingVerification.isWellFormed("0421370")).isFalse();
    assertThat(PendingVerification.isWellFormed("04213a")).isFalse();
    assertThat(PendingVerification.isWellFormed("000000")).isTrue();
    assertThatThrownBy(() -> PendingVerification.issue(POINT, "12345", clock.instant(), TTL))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
