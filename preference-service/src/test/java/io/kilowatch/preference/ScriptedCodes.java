package io.kilowatch.preference;

import io.kilowatch.preference.application.VerificationCodes;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Verification codes a test can know: 100001, 100002, ... Thread-safe. */
public final class ScriptedCodes implements VerificationCodes {
  private final AtomicInteger next = new AtomicInteger(100_001);
  private final AtomicReference<String> last = new AtomicReference<>();

  @Override
  public String next() {
    String code = Integer.toString(next.getAndIncrement());
    last.set(code);
    return code;
  }

  /** The code issued most recently. */
  public String last() {
    return last.get();
  }
}
