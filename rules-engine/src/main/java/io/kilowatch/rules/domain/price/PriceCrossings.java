package io.kilowatch.rules.domain.price;

import java.util.Arrays;
import java.util.UUID;

/**
 * What one price move does to a feed's rules: the sides that fire (crossed their level and were
 * armed) and the sides that re-arm (crossed their reset level and had fired). A rise fires above
 * sides and re-arms below sides; a fall the other way round. A snapshot: it keeps rule ids and
 * revisions, so it stays meaningful while the index changes.
 *
 * @param fireDirection the side that fires
 * @param fire the firing sides
 * @param rearm the re-arming sides (of the opposite direction)
 */
public record PriceCrossings(Direction fireDirection, Entries fire, Entries rearm) {
  public static PriceCrossings none() {
    return new PriceCrossings(Direction.ABOVE, new Entries(0), new Entries(0));
  }

  public Direction rearmDirection() {
    return fireDirection.opposite();
  }

  public boolean isEmpty() {
    return fire.size() == 0 && rearm.size() == 0;
  }

  /** Columns of rule sides; not thread-safe while being filled. */
  public static final class Entries {
    private int size;
    private int[] slot;
    private long[] idHi;
    private long[] idLo;
    private int[] revision;
    private long[] level;

    Entries(int capacity) {
      slot = new int[capacity];
      idHi = new long[capacity];
      idLo = new long[capacity];
      revision = new int[capacity];
      level = new long[capacity];
    }

    void add(int s, long hi, long lo, int rev, long lvl) {
      if (size == slot.length) {
        int n = Math.max(16, size + (size >> 1));
        slot = Arrays.copyOf(slot, n);
        idHi = Arrays.copyOf(idHi, n);
        idLo = Arrays.copyOf(idLo, n);
        revision = Arrays.copyOf(revision, n);
        level = Arrays.copyOf(level, n);
      }
      slot[size] = s;
      idHi[size] = hi;
      idLo[size] = lo;
      revision[size] = rev;
      level[size] = lvl;
      size++;
    }

    public int size() {
      return size;
    }

    public UUID ruleId(int i) {
      return new UUID(idHi[check(i)], idLo[i]);
    }

    public int revision(int i) {
      return revision[check(i)];
    }

    /** The level that was crossed: the threshold when firing, the reset level when re-arming. */
    public long level(int i) {
      return level[check(i)];
    }

    /** Where the index kept the rule when matching; a hint for {@code commit}. */
    public int slot(int i) {
      return slot[check(i)];
    }

    private int check(int i) {
      if (i < 0 || i >= size) {
        throw new IndexOutOfBoundsException(i);
      }
      return i;
    }
  }
}
