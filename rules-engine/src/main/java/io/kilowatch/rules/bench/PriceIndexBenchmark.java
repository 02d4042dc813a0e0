package io.kilowatch.rules.bench;

import io.kilowatch.rules.domain.PriceThreshold;
import io.kilowatch.rules.domain.PriceTiming;
import io.kilowatch.rules.domain.price.PriceCrossings;
import io.kilowatch.rules.domain.price.PriceMove;
import io.kilowatch.rules.domain.price.PriceThresholdIndex;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * How fast one price move finds its customers among a million price rules: builds the rules in
 * memory across regions, times the index build, matches moves that cross about 10% of a region's
 * rules with the index and with a scan of every rule (the same comparisons, no index), measures the
 * heap the index keeps, and optionally loads the same number of rules from PostgreSQL the way
 * start-up does. Prints {@code key=value} lines. Plain Java and {@code System.nanoTime} with
 * warm-up rounds; run with a fixed heap ({@code bench/run rules} uses {@code -Xmx1g}).
 *
 * <p>Options: {@code --rules N} (1000000), {@code --regions N} (20), {@code --moves N} (200),
 * {@code --crossing F} (0.10), {@code --seed N}, {@code --jdbc-url URL} (a PostgreSQL server URL; a
 * scratch database is created there and dropped, for {@code db_load_ms}).
 */
public final class PriceIndexBenchmark {
  private static final int WARM_UP_ROUNDS = 3;
  private static final int NAIVE_SAMPLES = 30;

  private final int rules;
  private final int regions;
  private final int moves;
  private final double crossing;
  private final long seed;
  private final String jdbcUrl;

  private PriceIndexBenchmark(Map<String, String> options) {
    rules = Integer.parseInt(options.getOrDefault("rules", "1000000"));
    regions = Integer.parseInt(options.getOrDefault("regions", "20"));
    moves = Integer.parseInt(options.getOrDefault("moves", "200"));
    crossing = Double.parseDouble(options.getOrDefault("crossing", "0.10"));
    seed = Long.parseLong(options.getOrDefault("seed", "20260715"));
    jdbcUrl = options.get("jdbc-url");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("options are --name value: " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    new PriceIndexBenchmark(options).run();
  }

  /** A rule as a scan without an index would hold it: one object per rule. */
  private record ScannedRule(
      UUID id,
      String feed,
      int revision,
      boolean hasAbove,
      long above,
      long aboveReset,
      boolean hasBelow,
      long below,
      long belowReset,
      boolean aboveFired,
      boolean belowFired) {}

  private void run() throws Exception {
    print("rules_requested", rules);
    print("regions", regions);
    print("jvm", System.getProperty("java.vm.name") + " " + Runtime.version());
    print("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));

    Generated generated = generate();
    // the first build runs in a cold JVM, as at start-up; the second shows the warm cost
    long buildStart = System.nanoTime();
    PriceThresholdIndex index = PriceThresholdIndex.build(generated.rows, Map.of());
    long buildNanos = System.nanoTime() - buildStart;
    long rebuildStart = System.nanoTime();
    index = PriceThresholdIndex.build(generated.rows, Map.of());
    long rebuildNanos = System.nanoTime() - rebuildStart;
    print("rules_loaded", index.size());
    print("feeds", index.feedCount());
    print("index_build_ms", millis(buildNanos));
    print("index_build_warm_ms", millis(rebuildNanos));

    ScannedRule[] scanned = scanned(generated);
    List<Move> chosen = chooseMoves(generated);
    generated = null; // the columns are not needed any more

    // indexed: warm up on every move, then time each move once per round
    long crossedSides = 0;
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      for (Move m : chosen) {
        crossedSides += sides(index.match(m.feed, m.move));
      }
    }
    long[] indexed = new long[chosen.size()];
    long crossedTotal = 0;
    for (int i = 0; i < chosen.size(); i++) {
      Move m = chosen.get(i);
      long t = System.nanoTime();
      PriceCrossings crossings = index.match(m.feed, m.move);
      indexed[i] = System.nanoTime() - t;
      crossedTotal += sides(crossings);
    }
    print("moves", chosen.size());
    print("thresholds_crossed_per_move", chosen.get(0).crossed());
    print(
        "share_of_region_crossed",
        String.format("%.3f", chosen.get(0).crossed() / (rules / (double) regions)));
    print("avg_sides_matched", crossedTotal / chosen.size());
    print("match_ms_p50", millis(percentile(indexed, 50)));
    print("match_ms_p99", millis(percentile(indexed, 99)));
    print("match_ms_max", millis(percentile(indexed, 100)));

    // the same moves by scanning every rule; it must find the same sides
    List<Move> sample = chosen.subList(0, Math.min(NAIVE_SAMPLES, chosen.size()));
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      for (Move m : sample.subList(0, Math.min(5, sample.size()))) {
        crossedSides += scan(scanned, m).size();
      }
    }
    long[] naive = new long[sample.size()];
    boolean same = true;
    for (int i = 0; i < sample.size(); i++) {
      Move m = sample.get(i);
      long t = System.nanoTime();
      List<UUID> found = scan(scanned, m);
      naive[i] = System.nanoTime() - t;
      same &= found.size() == sides(index.match(m.feed, m.move));
    }
    print("naive_scan_ms", millis(percentile(naive, 50)));
    print("naive_scan_ms_p99", millis(percentile(naive, 99)));
    print(
        "speedup", String.format("%.0f", percentile(naive, 50) / (double) percentile(indexed, 50)));
    print("same_matches", same);
    scanned = null;

    print("heap_mb", heapAfterGc());
    if (crossedSides < 0) {
      System.out.println("unreachable"); // keeps the warm-up results alive
    }
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      print("db_load_ms", "skipped (no --jdbc-url)");
    } else {
      index = null;
      BenchmarkDatabase.loadFromPostgres(jdbcUrl, rules, regions, seed, this::print);
    }
  }

  /** The rules as index columns, plus each feed's sorted above levels to choose moves from. */
  private record Generated(
      PriceThresholdIndex.Rows rows, Map<String, long[]> aboveLevels, ScannedColumns columns) {}

  /** The same rules kept for the scan (built later, after the index). */
  private record ScannedColumns(
      String[] feed,
      long[] hi,
      long[] lo,
      long[] above,
      long[] aboveReset,
      long[] below,
      long[] belowReset,
      byte[] flags) {}

  /**
   * Realistic thresholds: most rules alert above a price somewhere between 15 and 45 p/kWh (many on
   * round numbers), a fifth alert below (cheap or negative "plunge" prices), a tenth both; half
   * have a reset level a few pence away; one rule in ten watches announced prices; one in ten has
   * fired and waits to re-arm.
   */
  private Generated generate() {
    SplittableRandom random = new SplittableRandom(seed);
    PriceThresholdIndex.Rows rows = new PriceThresholdIndex.Rows();
    String[] feeds = new String[regions * 2];
    for (int r = 0; r < regions; r++) {
      String region = String.format("GB-R%02d", r + 1);
      feeds[2 * r] = PriceThreshold.feedKey(region, null, PriceTiming.CURRENT);
      feeds[2 * r + 1] = PriceThreshold.feedKey(region, null, PriceTiming.UPCOMING);
    }
    Map<String, LongList> aboveByFeed = new HashMap<>();
    ScannedColumns c =
        new ScannedColumns(
            new String[rules],
            new long[rules],
            new long[rules],
            new long[rules],
            new long[rules],
            new long[rules],
            new long[rules],
            new byte[rules]);
    for (int i = 0; i < rules; i++) {
      String feed = feeds[2 * random.nextInt(regions) + (random.nextInt(10) == 0 ? 1 : 0)];
      int shape = random.nextInt(10); // 0-6 above, 7-8 below, 9 both
      boolean hasAbove = shape <= 6 || shape == 9;
      boolean hasBelow = shape >= 7;
      long above = 0;
      long aboveReset = 0;
      long below = 0;
      long belowReset = 0;
      if (hasAbove) {
        above = aboveThreshold(random);
        aboveReset = random.nextBoolean() ? above : above - (100 + random.nextInt(400)) * 10_000L;
        aboveByFeed.computeIfAbsent(feed, k -> new LongList()).add(above);
      }
      if (hasBelow) {
        below = (random.nextInt(3) == 0 ? 0 : (-500 + random.nextInt(2000))) * 10_000L;
        belowReset = random.nextBoolean() ? below : below + (100 + random.nextInt(300)) * 10_000L;
      }
      UUID id = new UUID(random.nextLong(), random.nextLong());
      boolean aboveFired = hasAbove && random.nextInt(10) == 0;
      boolean belowFired = hasBelow && random.nextInt(10) == 0;
      rows.add(
          feed,
          id.getMostSignificantBits(),
          id.getLeastSignificantBits(),
          1,
          hasAbove,
          above,
          aboveReset,
          hasBelow,
          below,
          belowReset,
          aboveFired,
          belowFired);
      c.feed()[i] = feed;
      c.hi()[i] = id.getMostSignificantBits();
      c.lo()[i] = id.getLeastSignificantBits();
      c.above()[i] = above;
      c.aboveReset()[i] = aboveReset;
      c.below()[i] = below;
      c.belowReset()[i] = belowReset;
      c.flags()[i] =
          (byte)
              ((hasAbove ? 1 : 0)
                  | (hasBelow ? 2 : 0)
                  | (aboveFired ? 4 : 0)
                  | (belowFired ? 8 : 0));
    }
    Map<String, long[]> sorted = new HashMap<>();
    aboveByFeed.forEach(
        (feed, list) -> {
          long[] levels = list.toArray();
          Arrays.sort(levels);
          sorted.put(feed, levels);
        });
    return new Generated(rows, sorted, c);
  }

  /**
   * An above threshold in micro pence: one in five a round 20, 25, ... 40 p/kWh, the others any
   * hundredth of a penny from 15.00 to 45.00 p/kWh.
   */
  static long aboveThreshold(SplittableRandom random) {
    return random.nextInt(5) == 0
        ? (20 + 5 * random.nextInt(5)) * 1_000_000L
        : (1500 + random.nextInt(3001)) * 10_000L;
  }

  private static ScannedRule[] scanned(Generated g) {
    ScannedColumns c = g.columns();
    ScannedRule[] all = new ScannedRule[c.feed().length];
    for (int i = 0; i < all.length; i++) {
      byte f = c.flags()[i];
      all[i] =
          new ScannedRule(
              new UUID(c.hi()[i], c.lo()[i]),
              c.feed()[i],
              1,
              (f & 1) != 0,
              c.above()[i],
              c.aboveReset()[i],
              (f & 2) != 0,
              c.below()[i],
              c.belowReset()[i],
              (f & 4) != 0,
              (f & 8) != 0);
    }
    return all;
  }

  private record Move(String feed, PriceMove move, int crossed) {}

  /**
   * Rises whose range holds the above thresholds of {@code crossing} of a region's rules (10%: 5
   * 000 of a region's 50 000), on the current-price feeds, from a random threshold upwards. The
   * sides matched are the armed ones among them (nine in ten) and the fired below sides whose reset
   * level lies in the range.
   */
  private List<Move> chooseMoves(Generated g) {
    SplittableRandom random = new SplittableRandom(seed + 1);
    List<String> feeds =
        g.aboveLevels().keySet().stream().filter(f -> f.endsWith("|current")).sorted().toList();
    int perRegion = rules / regions;
    List<Move> chosen = new ArrayList<>(moves);
    for (int i = 0; i < moves; i++) {
      String feed = feeds.get(random.nextInt(feeds.size()));
      long[] levels = g.aboveLevels().get(feed);
      int span = Math.min(levels.length - 2, (int) (perRegion * crossing));
      int from = random.nextInt(Math.max(1, levels.length - span - 1));
      long low = levels[from];
      long high = levels[from + span] + 1;
      chosen.add(new Move(feed, PriceMove.ofLevels(low, high), span));
    }
    return chosen;
  }

  /** The same decision as the index, by looking at every rule. */
  private static List<UUID> scan(ScannedRule[] all, Move m) {
    List<UUID> found = new ArrayList<>();
    PriceMove move = m.move;
    boolean rise = move.toCeil() > move.fromCeil();
    for (ScannedRule r : all) {
      if (!r.feed().equals(m.feed)) {
        continue;
      }
      if (rise) {
        if (r.hasAbove() && !r.aboveFired() && move.crossesUp(r.above())) {
          found.add(r.id());
        }
        if (r.hasBelow() && r.belowFired() && move.crossesUp(r.belowReset())) {
          found.add(r.id());
        }
      } else {
        if (r.hasBelow() && !r.belowFired() && move.crossesDown(r.below())) {
          found.add(r.id());
        }
        if (r.hasAbove() && r.aboveFired() && move.crossesDown(r.aboveReset())) {
          found.add(r.id());
        }
      }
    }
    return found;
  }

  private static int sides(PriceCrossings c) {
    return c.fire().size() + c.rearm().size();
  }

  private static long percentile(long[] samples, int p) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static String millis(long nanos) {
    return String.format("%.3f", nanos / 1_000_000.0);
  }

  /** Heap in use after full collections, in MiB: what the live index (and the JVM) keep. */
  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  void print(String key, Object value) {
    System.out.println(key + "=" + value);
  }

  /** A growable list of longs. */
  private static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
