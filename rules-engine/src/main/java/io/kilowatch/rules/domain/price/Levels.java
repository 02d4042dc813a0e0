package io.kilowatch.rules.domain.price;

import java.util.Arrays;

/**
 * Levels of one side of one feed, sorted ascending by (level, slot), each with the slot of the rule
 * it belongs to: two primitive arrays, no object per rule. A price crossing is a binary search for
 * each end of a range. Not thread-safe; the index guards it.
 */
final class Levels {
  private static final long[] NO_LEVELS = new long[0];
  private static final int[] NO_SLOTS = new int[0];
  private static final int INSERTION_SORT_BELOW = 24;

  long[] level = NO_LEVELS;
  int[] slot = NO_SLOTS;
  int size;

  /** First index whose level is at least {@code v}. */
  int lowerBound(long v) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (level[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index whose level is above {@code v}. */
  int upperBound(long v) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (level[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Adds at the end; call {@link #sort} before searching. */
  void append(long v, int s) {
    ensureCapacity(size + 1);
    level[size] = v;
    slot[size] = s;
    size++;
  }

  /** Inserts keeping the order: O(size) for the shift, no re-sort. */
  void insert(long v, int s) {
    ensureCapacity(size + 1);
    int at = upperBound(v);
    System.arraycopy(level, at, level, at + 1, size - at);
    System.arraycopy(slot, at, slot, at + 1, size - at);
    level[at] = v;
    slot[at] = s;
    size++;
  }

  /** Appends (bulk loading, sort later) or inserts in order. */
  void add(long v, int s, boolean inOrder) {
    if (inOrder) {
      insert(v, s);
    } else {
      append(v, s);
    }
  }

  /** Removes the entry of slot {@code s}, wherever it is: a scan, for the rare API changes. */
  void removeSlot(int s) {
    for (int i = 0; i < size; i++) {
      if (slot[i] == s) {
        System.arraycopy(level, i + 1, level, i, size - i - 1);
        System.arraycopy(slot, i + 1, slot, i, size - i - 1);
        size--;
        return;
      }
    }
  }

  /** The level of slot {@code s}, or {@code Long.MIN_VALUE} when it has none here. */
  long levelOf(int s) {
    for (int i = 0; i < size; i++) {
      if (slot[i] == s) {
        return level[i];
      }
    }
    return Long.MIN_VALUE;
  }

  void clear() {
    level = NO_LEVELS;
    slot = NO_SLOTS;
    size = 0;
  }

  /** Drops spare capacity; for after a bulk build. */
  void trim() {
    if (level.length != size) {
      level = Arrays.copyOf(level, size);
      slot = Arrays.copyOf(slot, size);
    }
  }

  private void ensureCapacity(int needed) {
    if (needed > level.length) {
      int n = Math.max(needed, Math.max(8, level.length + (level.length >> 1)));
      level = Arrays.copyOf(level, n);
      slot = Arrays.copyOf(slot, n);
    }
  }

  /** Levels and slots that fit in one long together: level + 2^40 in 41 bits, slot in 22. */
  private static final long LEVEL_OFFSET = 1L << 40;

  private static final int SLOT_BITS = 22;

  /**
   * Sorts by (level, slot). Levels of rules are within ±10^12 micro units and a million rules use
   * fewer than 2^22 slots, so each pair packs into one long and {@link Arrays#sort(long[])} does
   * the work; otherwise a quicksort of the two arrays (median-of-three pivots, heapsort past a
   * depth limit: O(n log n) on any input; keys are distinct because slots are).
   */
  void sort() {
    if (size < 2) {
      return;
    }
    if (!packable()) {
      sortWithoutPacking();
      return;
    }
    long[] packed = new long[size];
    for (int i = 0; i < size; i++) {
      packed[i] = ((level[i] + LEVEL_OFFSET) << SLOT_BITS) | slot[i];
    }
    Arrays.sort(packed);
    for (int i = 0; i < size; i++) {
      level[i] = (packed[i] >>> SLOT_BITS) - LEVEL_OFFSET;
      slot[i] = (int) (packed[i] & ((1 << SLOT_BITS) - 1));
    }
  }

  private boolean packable() {
    for (int i = 0; i < size; i++) {
      if (level[i] <= -LEVEL_OFFSET || level[i] >= LEVEL_OFFSET || slot[i] >>> SLOT_BITS != 0) {
        return false;
      }
    }
    return true;
  }

  /** The quicksort of the two arrays; the fallback, and tested on its own. */
  void sortWithoutPacking() {
    if (size > 1) {
      int depth = 2 * (32 - Integer.numberOfLeadingZeros(size));
      quicksort(0, size - 1, depth);
    }
  }

  private boolean less(int i, int j) {
    return level[i] < level[j] || (level[i] == level[j] && slot[i] < slot[j]);
  }

  private boolean lessThanPivot(int i, long pl, int ps) {
    return level[i] < pl || (level[i] == pl && slot[i] < ps);
  }

  private boolean greaterThanPivot(int i, long pl, int ps) {
    return level[i] > pl || (level[i] == pl && slot[i] > ps);
  }

  private void swap(int i, int j) {
    long l = level[i];
    level[i] = level[j];
    level[j] = l;
    int s = slot[i];
    slot[i] = slot[j];
    slot[j] = s;
  }

  private void quicksort(int lo, int hi, int depth) {
    while (hi - lo >= INSERTION_SORT_BELOW) {
      if (depth-- == 0) {
        heapsort(lo, hi);
        return;
      }
      int mid = (lo + hi) >>> 1;
      if (less(mid, lo)) {
        swap(mid, lo);
      }
      if (less(hi, lo)) {
        swap(hi, lo);
      }
      if (less(hi, mid)) {
        swap(hi, mid);
      }
      long pl = level[mid];
      int ps = slot[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (lessThanPivot(i, pl, ps)) {
          i++;
        }
        while (greaterThanPivot(j, pl, ps)) {
          j--;
        }
        if (i <= j) {
          swap(i, j);
          i++;
          j--;
        }
      }
      // recurse into the smaller part, loop on the larger: stack depth stays O(log n)
      if (j - lo < hi - i) {
        quicksort(lo, j, depth);
        lo = i;
      } else {
        quicksort(i, hi, depth);
        hi = j;
      }
    }
    for (int k = lo + 1; k <= hi; k++) {
      for (int m = k; m > lo && less(m, m - 1); m--) {
        swap(m, m - 1);
      }
    }
  }

  private void heapsort(int lo, int hi) {
    int n = hi - lo + 1;
    for (int i = n / 2 - 1; i >= 0; i--) {
      siftDown(lo, i, n);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(lo, lo + end);
      siftDown(lo, 0, end);
    }
  }

  private void siftDown(int base, int root, int n) {
    while (true) {
      int child = 2 * root + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n && less(base + child, base + child + 1)) {
        child++;
      }
      if (!less(base + root, base + child)) {
        return;
      }
      swap(base + root, base + child);
      root = child;
    }
  }
}
