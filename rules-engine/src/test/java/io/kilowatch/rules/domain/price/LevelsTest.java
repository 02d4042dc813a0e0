package io.kilowatch.rules.domain.price;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both sorts order by (level, slot), with many equal levels and at the edges of the packing. */
class LevelsTest {
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void sortsByLevelThenSlot(boolean packed) {
    SplittableRandom random = new SplittableRandom(7);
    Levels levels = new Levels();
    int n = 100_000;
    long[] expected = new long[n];
    for (int i = 0; i < n; i++) {
      long level =
          random.nextInt(4) == 0
              ? 30_000_000L // many customers on a round number
              : (random.nextInt(2_000_001) - 1_000_000) * 1_000_000L; // ±1 000 000 p in pence
      levels.append(level, i);
      expected[i] = level;
    }
    levels.append(999_999_999_999L, n); // the largest level a rule may have, almost
    levels.append(-999_999_999_999L, n + 1);
    if (packed) {
      levels.sort();
    } else {
      levels.sortWithoutPacking();
    }
    for (int i = 1; i < levels.size; i++) {
      assertThat(
              levels.level[i - 1] < levels.level[i]
                  || (levels.level[i - 1] == levels.level[i]
                      && levels.slot[i - 1] < levels.slot[i]))
          .as("order at %d", i)
          .isTrue();
    }
    long[] sortedLevels = Arrays.copyOf(expected, n + 2);
    sortedLevels[n] = 999_999_999_999L;
    sortedLevels[n + 1] = -999_999_999_999L;
    Arrays.sort(sortedLevels);
    assertThat(Arrays.copyOf(levels.level, levels.size)).isEqualTo(sortedLevels);
  }
}
