package io.kilowatch.rules.domain.price;

import io.kilowatch.rules.domain.PriceTrigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The active price rules in memory, indexed so that a price move finds exactly the rule sides it
 * crosses without looking at any other rule.
 *
 * <p>Rules are grouped by feed (region, tariff, timing: see {@code PriceThreshold#feedKey}). Per
 * feed, four sorted level arrays: thresholds of above sides, reset levels of above sides,
 * thresholds of below sides, reset levels of below sides. A rise from {@code p} to {@code q} fires
 * the armed above sides with a threshold in {@code [p, q)} and re-arms the fired below sides with a
 * reset level in that range; a fall fires below sides and re-arms above sides over {@code (q, p]}
 * (see {@link PriceMove}). Each is two binary searches and a walk over exactly the hits.
 *
 * <p>Per rule the index holds a slot: the rule id (two longs), its revision and one bit per side
 * saying whether it fired (hysteresis state). No object per rule; a million rules take some 50
 * bytes each.
 *
 * <p>Each feed carries the version of the database state it mirrors (see {@link #commit}): a change
 * that committed elsewhere moves the database's version past the index's, and the caller reloads
 * the feed ({@link #replaceFeed}) before matching on it.
 *
 * <p>Thread-safe: matches share a read lock; changes take the write lock briefly.
 */
public final class PriceThresholdIndex {
  /** The version of a feed whose state this index no longer knows; forces a reload. */
  public static final long STALE = -1;

  private static final int FLAG_HAS_ABOVE = 1;
  private static final int FLAG_HAS_BELOW = 2;
  private static final int FLAG_ABOVE_FIRED = 4;
  private static final int FLAG_BELOW_FIRED = 8;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Feed> feeds = new HashMap<>();
  private final BitSet aboveFired = new BitSet();
  private final BitSet belowFired = new BitSet();
  private long[] idHi;
  private long[] idLo;
  private int[] revision;
  private int slotsUsed;
  private int[] freeSlots = new int[16];
  private int freeCount;
  private int rules;

  /** An empty index. */
  public PriceThresholdIndex() {
    this(16);
  }

  private PriceThresholdIndex(int capacity) {
    idHi = new long[capacity];
    idLo = new long[capacity];
    revision = new int[capacity];
  }

  /**
   * An index of all {@code rows}, feeds at the given database versions (0 for feeds not in the map:
   * no change was ever committed to them).
   */
  public static PriceThresholdIndex build(Rows rows, Map<String, Long> versions) {
    PriceThresholdIndex index = new PriceThresholdIndex(Math.max(16, rows.size));
    versions.forEach((key, version) -> index.feed(key).version = version);
    Feed[] byRowFeed = new Feed[rows.feedKeys.size()];
    for (int f = 0; f < byRowFeed.length; f++) {
      byRowFeed[f] = index.feed(rows.feedKeys.get(f));
    }
    for (int r = 0; r < rows.size; r++) {
      int slot = index.slotsUsed++;
      index.place(slot, byRowFeed[rows.feed[r]], rows, r, false);
    }
    // feeds are independent: sort them on every core (start-up time of a large index)
    index.feeds.values().parallelStream().forEach(Feed::sortAndTrim);
    return index;
  }

  /** Active price rules in the index. */
  public int size() {
    lock.readLock().lock();
    try {
      return rules;
    } finally {
      lock.readLock().unlock();
    }
  }

  public int feedCount() {
    lock.readLock().lock();
    try {
      return feeds.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The database version the feed's rules mirror: 0 for a feed the index never heard of, {@link
   * #STALE} when the index knows it missed a change.
   */
  public long version(String feedKey) {
    lock.readLock().lock();
    try {
      Feed feed = feeds.get(feedKey);
      return feed == null ? 0 : feed.version;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The rule sides that {@code move} fires and re-arms in the feed. Reads the hysteresis bits but
   * changes nothing: the caller records the outcome and then calls {@link #commit}.
   */
  public PriceCrossings match(String feedKey, PriceMove move) {
    lock.readLock().lock();
    try {
      Feed feed = feeds.get(feedKey);
      if (feed == null) {
        return PriceCrossings.none();
      }
      boolean rise = move.toCeil() > move.fromCeil();
      if (rise) {
        var fire = collect(feed.aboveFire, move.fromCeil(), move.toCeil(), true, aboveFired, false);
        var rearm =
            collect(feed.belowRearm, move.fromCeil(), move.toCeil(), true, belowFired, true);
        return new PriceCrossings(Direction.ABOVE, fire, rearm);
      }
      boolean fall = move.toFloor() < move.fromFloor();
      if (fall) {
        var fire =
            collect(feed.belowFire, move.toFloor(), move.fromFloor(), false, belowFired, false);
        var rearm =
            collect(feed.aboveRearm, move.toFloor(), move.fromFloor(), false, aboveFired, true);
        return new PriceCrossings(Direction.BELOW, fire, rearm);
      }
      return PriceCrossings.none();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The hits of one level array: for an upward range {@code [a, b)}, for a downward one {@code (a,
   * b]}; only sides whose fired bit equals {@code wantFired}.
   */
  private PriceCrossings.Entries collect(
      Levels levels, long a, long b, boolean upward, BitSet fired, boolean wantFired) {
    int from = upward ? levels.lowerBound(a) : levels.upperBound(a);
    int to = upward ? levels.lowerBound(b) : levels.upperBound(b);
    var entries = new PriceCrossings.Entries(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      int slot = levels.slot[i];
      if (fired.get(slot) == wantFired) {
        entries.add(slot, idHi[slot], idLo[slot], revision[slot], levels.level[i]);
      }
    }
    return entries;
  }

  /**
   * Applies a change that has committed in the database and moved the feed's version to {@code
   * newVersion}. When the index was at the version before, it applies the change and moves along;
   * otherwise someone else's change came in between, which the index cannot know: it marks the feed
   * {@link #STALE} (the next match reloads it) and returns false.
   */
  public boolean commit(String feedKey, long newVersion, Consumer<FeedChanges> change) {
    Objects.requireNonNull(change, "change");
    lock.writeLock().lock();
    try {
      Feed feed = feed(feedKey);
      if (feed.version == STALE || feed.version != newVersion - 1) {
        feed.version = STALE;
        return false;
      }
      change.accept(new FeedChanges(feed));
      feed.version = newVersion;
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Replaces everything the index holds for one feed with {@code rows} at {@code version}. */
  public void replaceFeed(String feedKey, long version, Rows rows) {
    lock.writeLock().lock();
    try {
      Feed feed = feed(feedKey);
      for (Levels side : List.of(feed.aboveFire, feed.belowFire)) {
        for (int i = 0; i < side.size; i++) {
          int slot = side.slot[i];
          if (idHi[slot] != 0 || idLo[slot] != 0) {
            release(slot);
          }
        }
      }
      feed.clear();
      for (int r = 0; r < rows.size; r++) {
        if (!feedKey.equals(rows.feedKeys.get(rows.feed[r]))) {
          throw new IllegalArgumentException(
              "row of another feed: " + rows.feedKeys.get(rows.feed[r]));
        }
        place(allocate(), feed, rows, r, false);
      }
      feed.sortAndTrim();
      feed.version = version;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The rule's entry as the index holds it, for tests and diagnostics. */
  public java.util.Optional<PriceRuleEntry> find(String feedKey, UUID ruleId) {
    lock.readLock().lock();
    try {
      Feed feed = feeds.get(feedKey);
      if (feed == null) {
        return java.util.Optional.empty();
      }
      int slot = feed.slotOf(ruleId);
      if (slot < 0) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(feed.entryOf(slot));
    } finally {
      lock.readLock().unlock();
    }
  }

  private Feed feed(String key) {
    return feeds.computeIfAbsent(key, Feed::new);
  }

  private int allocate() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotsUsed == idHi.length) {
      int n = idHi.length + (idHi.length >> 1) + 16;
      idHi = Arrays.copyOf(idHi, n);
      idLo = Arrays.copyOf(idLo, n);
      revision = Arrays.copyOf(revision, n);
    }
    return slotsUsed++;
  }

  private void release(int slot) {
    idHi[slot] = 0;
    idLo[slot] = 0;
    revision[slot] = 0;
    aboveFired.clear(slot);
    belowFired.clear(slot);
    if (freeCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
    }
    freeSlots[freeCount++] = slot;
    rules--;
  }

  /** Puts row {@code r} in {@code slot}; appends (bulk) or inserts in order. */
  private void place(int slot, Feed feed, Rows rows, int r, boolean inOrder) {
    idHi[slot] = rows.hi[r];
    idLo[slot] = rows.lo[r];
    revision[slot] = rows.revision[r];
    int flags = rows.flags[r];
    aboveFired.set(slot, (flags & FLAG_ABOVE_FIRED) != 0);
    belowFired.set(slot, (flags & FLAG_BELOW_FIRED) != 0);
    if ((flags & FLAG_HAS_ABOVE) != 0) {
      feed.aboveFire.add(rows.aboveLevel[r], slot, inOrder);
      feed.aboveRearm.add(rows.aboveReset[r], slot, inOrder);
    }
    if ((flags & FLAG_HAS_BELOW) != 0) {
      feed.belowFire.add(rows.belowLevel[r], slot, inOrder);
      feed.belowRearm.add(rows.belowReset[r], slot, inOrder);
    }
    rules++;
  }

  /** Changes to one feed, applied under the index's write lock inside {@link #commit}. */
  public final class FeedChanges {
    private final Feed feed;

    private FeedChanges(Feed feed) {
      this.feed = feed;
    }

    /** The side fired: it stays silent until re-armed. */
    public void fired(Direction side, UUID ruleId, int slotHint) {
      int slot = locate(ruleId, slotHint);
      if (slot >= 0) {
        (side == Direction.ABOVE ? aboveFired : belowFired).set(slot);
      }
    }

    /** The side re-armed: it fires on the next crossing. */
    public void armed(Direction side, UUID ruleId, int slotHint) {
      int slot = locate(ruleId, slotHint);
      if (slot >= 0) {
        (side == Direction.ABOVE ? aboveFired : belowFired).clear(slot);
      }
    }

    /** Adds the rule, or replaces what the feed held for it. */
    public void put(PriceRuleEntry entry) {
      remove(entry.ruleId());
      Rows one = new Rows();
      one.add(feed.key, entry);
      place(allocate(), feed, one, 0, true);
    }

    /** Removes the rule from the feed, if it is there. */
    public void remove(UUID ruleId) {
      int slot = feed.slotOf(ruleId);
      if (slot < 0) {
        return;
      }
      for (Levels side : feed.sides()) {
        side.removeSlot(slot);
      }
      release(slot);
    }

    private int locate(UUID ruleId, int slotHint) {
      if (slotHint >= 0
          && slotHint < slotsUsed
          && idHi[slotHint] == ruleId.getMostSignificantBits()
          && idLo[slotHint] == ruleId.getLeastSignificantBits()) {
        return slotHint;
      }
      return feed.slotOf(ruleId);
    }
  }

  /** One feed's four level arrays and its version. */
  private final class Feed {
    final String key;
    final Levels aboveFire = new Levels();
    final Levels aboveRearm = new Levels();
    final Levels belowFire = new Levels();
    final Levels belowRearm = new Levels();
    long version;

    Feed(String key) {
      this.key = key;
    }

    List<Levels> sides() {
      return List.of(aboveFire, aboveRearm, belowFire, belowRearm);
    }

    void sortAndTrim() {
      for (Levels side : sides()) {
        side.sort();
        side.trim();
      }
    }

    void clear() {
      for (Levels side : sides()) {
        side.clear();
      }
    }

    /** The rule's slot in this feed, or -1: a scan of the feed, for the API's rare changes. */
    int slotOf(UUID ruleId) {
      long hi = ruleId.getMostSignificantBits();
      long lo = ruleId.getLeastSignificantBits();
      for (Levels side : List.of(aboveFire, belowFire)) {
        for (int i = 0; i < side.size; i++) {
          int slot = side.slot[i];
          if (idHi[slot] == hi && idLo[slot] == lo) {
            return slot;
          }
        }
      }
      return -1;
    }

    PriceRuleEntry entryOf(int slot) {
      PriceTrigger above = trigger(aboveFire, aboveRearm, slot);
      PriceTrigger below = trigger(belowFire, belowRearm, slot);
      return new PriceRuleEntry(
          new UUID(idHi[slot], idLo[slot]),
          revision[slot],
          above,
          below,
          aboveFired.get(slot),
          belowFired.get(slot));
    }

    private PriceTrigger trigger(Levels fire, Levels rearm, int slot) {
      long level = fire.levelOf(slot);
      if (level == Long.MIN_VALUE) {
        return null;
      }
      long reset = rearm.levelOf(slot);
      return new PriceTrigger(level, reset == level ? null : reset);
    }
  }

  /**
   * Rules to load, in columns (no object per rule), e.g. streamed from the database at start-up.
   * Not thread-safe.
   */
  public static final class Rows {
    private final Map<String, Integer> feedIds = new HashMap<>();
    private final List<String> feedKeys = new ArrayList<>();
    private int size;
    private int[] feed = new int[16];
    private long[] hi = new long[16];
    private long[] lo = new long[16];
    private int[] revision = new int[16];
    private long[] aboveLevel = new long[16];
    private long[] aboveReset = new long[16];
    private long[] belowLevel = new long[16];
    private long[] belowReset = new long[16];
    private byte[] flags = new byte[16];

    public int size() {
      return size;
    }

    public void add(String feedKey, PriceRuleEntry e) {
      add(
          feedKey,
          e.ruleId().getMostSignificantBits(),
          e.ruleId().getLeastSignificantBits(),
          e.revision(),
          e.above() != null,
          e.above() == null ? 0 : e.above().level(),
          e.above() == null ? 0 : e.above().effectiveReset(),
          e.below() != null,
          e.below() == null ? 0 : e.below().level(),
          e.below() == null ? 0 : e.below().effectiveReset(),
          e.aboveFired(),
          e.belowFired());
    }

    /** Adds one rule without allocating per rule (apart from growing the columns). */
    public void add(
        String feedKey,
        long idHi,
        long idLo,
        int rev,
        boolean hasAbove,
        long above,
        long aboveResetLevel,
        boolean hasBelow,
        long below,
        long belowResetLevel,
        boolean isAboveFired,
        boolean isBelowFired) {
      if (!hasAbove && !hasBelow) {
        throw new IllegalArgumentException("a price rule needs above, below or both");
      }
      if (idHi == 0 && idLo == 0) {
        throw new IllegalArgumentException("the nil UUID marks free slots");
      }
      Integer f = feedIds.get(feedKey);
      if (f == null) {
        f = feedKeys.size();
        feedIds.put(feedKey, f);
        feedKeys.add(feedKey);
      }
      if (size == feed.length) {
        int n = size + (size >> 1) + 16;
        feed = Arrays.copyOf(feed, n);
        hi = Arrays.copyOf(hi, n);
        lo = Arrays.copyOf(lo, n);
        revision = Arrays.copyOf(revision, n);
        aboveLevel = Arrays.copyOf(aboveLevel, n);
        aboveReset = Arrays.copyOf(aboveReset, n);
        belowLevel = Arrays.copyOf(belowLevel, n);
        belowReset = Arrays.copyOf(belowReset, n);
        flags = Arrays.copyOf(flags, n);
      }
      feed[size] = f;
      hi[size] = idHi;
      lo[size] = idLo;
      revision[size] = rev;
      aboveLevel[size] = above;
      aboveReset[size] = aboveResetLevel;
      belowLevel[size] = below;
      belowReset[size] = belowResetLevel;
      flags[size] =
          (byte)
              ((hasAbove ? FLAG_HAS_ABOVE : 0)
                  | (hasBelow ? FLAG_HAS_BELOW : 0)
                  | (isAboveFired ? FLAG_ABOVE_FIRED : 0)
                  | (isBelowFired ? FLAG_BELOW_FIRED : 0));
      size++;
    }
  }
}
