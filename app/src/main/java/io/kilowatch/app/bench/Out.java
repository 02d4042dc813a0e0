package io.kilowatch.app.bench;

import java.io.PrintStream;
import java.util.Locale;

/** The benchmark's output: {@code key=value} lines on stdout, progress notes on stderr. */
final class Out {
  private static final PrintStream STDOUT = System.out;
  private static final PrintStream STDERR = System.err;

  private Out() {}

  static void kv(String key, Object value) {
    STDOUT.println(key + "=" + value);
    STDOUT.flush();
  }

  static void kv(String key, double value) {
    kv(key, fmt(value));
  }

  static String fmt(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "NaN";
    }
    return Math.abs(value) >= 100
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.3f", value);
  }

  static void note(String format, Object... args) {
    STDERR.printf(Locale.ROOT, "# " + format + "%n", args);
    STDERR.flush();
  }
}
