package io.kilowatch.rules.domain.price;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.rules.domain.PriceLevel;
import io.kilowatch.rules.domain.PriceTrigger;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The index finds exactly the rule sides a move crosses, in both directions, honours hysteresis (a
 * fired side stays silent until its reset level is crossed back), and stays in step with the
 * database by versions.
 */
class PriceThresholdIndexTest {
  static final String LONDON = "GB-LON||current";
  static final String MANCHESTER = "GB-MAN||current";

  final PriceThresholdIndex index = new PriceThresholdIndex();

  @Test
  void aRiseFiresTheArmedAboveSidesWhoseThresholdItCrosses() {
    UUID at30 = above("30", null);
    UUID at32 = above("32.5", null);
    UUID at35 = above("35", null);
    above("28", null); // already below the old price: not crossed

    assertThat(fired(move("29", "33"))).containsExactlyInAnyOrder(at30, at32);
    assertThat(fired(move("33", "36"))).containsExactly(at35);
  }

  @Test
  void goingAboveMeansStrictlyAbove() {
    UUID rule = above("30", null);
    assertThat(fired(move("29", "30"))).isEmpty();
    assertThat(fired(move("30", "30.01"))).containsExactly(rule);
  }

  @Test
  void aFallFiresBelowSidesIncludingNegativePlungePrices() {
    UUID atZero = below("0", null);
    UUID atMinus5 = below("-5", null);
    UUID at10 = below("10", null);

    assertThat(fired(move("12", "-1"))).containsExactlyInAnyOrder(atZero, at10);
    assertThat(fired(move("-1", "-5"))).isEmpty(); // -5 is not below -5
    assertThat(fired(move("-5", "-5.5"))).containsExactly(atMinus5);
  }

  @Test
  void aFallNeverFiresAboveSidesAndARiseNeverFiresBelowSides() {
    above("30", null);
    below("20", null);
    assertThat(fired(move("35", "25"))).isEmpty();
    assertThat(fired(move("15", "25"))).isEmpty();
  }

  @Test
  void anAboveSideStaysSilentUntilThePriceFellBelowItsResetLevel() {
    UUID rule = above("30", "25");
    assertThat(fired(move("29", "31"))).containsExactly(rule);

    assertThat(fired(move("31", "26"))).isEmpty(); // below 30, not below 25: still fired
    assertThat(fired(move("26", "31"))).isEmpty(); // crosses 30 again: silent
    assertThat(rearmed(move("31", "25"))).isEmpty(); // 25 is not below 25
    assertThat(rearmed(move("25", "24.99"))).containsExactly(rule);
    assertThat(fired(move("24.99", "30.5"))).containsExactly(rule);
  }

  @Test
  void aBelowSideStaysSilentUntilThePriceRoseAboveItsResetLevel() {
    UUID plunge = below("0", "2");
    assertThat(fired(move("1", "-0.5"))).containsExactly(plunge);

    assertThat(fired(move("-0.5", "1.5"))).isEmpty();
    assertThat(fired(move("1.5", "-1"))).isEmpty();
    assertThat(rearmed(move("-1", "2.5"))).containsExactly(plunge);
    assertThat(fired(move("2.5", "-3"))).containsExactly(plunge);
  }

  @Test
  void withoutAResetLevelTheThresholdItselfReArms() {
    UUID rule = above("30", null);
    assertThat(fired(move("29", "31"))).containsExactly(rule);
    assertThat(rearmed(move("31", "29.9"))).containsExactly(rule);
    assertThat(fired(move("29.9", "30.1"))).containsExactly(rule);
  }

  @Test
  void aRuleWithBothSidesFiresEachOnItsOwnCrossing() {
    UUID band =
        rule(LONDON, new PriceTrigger(level("30"), null), new PriceTrigger(level("0"), null));
    assertThat(fired(move("20", "31"))).containsExactly(band);
    assertThat(fired(move("31", "-1"))).containsExactly(band); // below fires; above re-arms
    assertThat(index.find(LONDON, band).orElseThrow().aboveFired()).isFalse();
    assertThat(index.find(LONDON, band).orElseThrow().belowFired()).isTrue();
  }

  @Test
  void theSameMoveAppliedTwiceFiresOnce() {
    UUID rule = above("30", null);
    PriceMove spike = move("29", "31");
    assertThat(fired(spike)).containsExactly(rule);
    assertThat(fired(spike)).isEmpty();
    assertThat(index.match(LONDON, spike).fire().size()).isZero();
  }

  @Test
  void aJumpOverManyLevelsFiresThemAllAndReArmsTheOtherSide() {
    List<UUID> aboves = new ArrayList<>();
    for (int p = 21; p <= 39; p++) {
      aboves.add(above(Integer.toString(p), null));
    }
    UUID plunge = below("20", "22");
    assertThat(fired(move("25", "19"))).containsExactly(plunge);

    var crossings = index.match(LONDON, move("19", "40"));
    assertThat(ids(crossings.fire())).containsExactlyInAnyOrderElementsOf(aboves);
    assertThat(ids(crossings.rearm())).containsExactly(plunge);
    assertThat(crossings.rearmDirection()).isEqualTo(Direction.BELOW);
  }

  @Test
  void pricesWithMoreDecimalsThanALevelCompareExactly() {
    UUID rule = above("30", null);
    assertThat(fired(move("30.0000001", "30.0000009"))).isEmpty(); // never at or below 30
    assertThat(fired(move("29.9999995", "30.0000005"))).containsExactly(rule);
    UUID micro = above("30.000001", null);
    assertThat(fired(move("30.0000005", "30.0000009"))).isEmpty();
    assertThat(fired(move("30.0000009", "30.0000011"))).containsExactly(micro);
  }

  @Test
  void equalThresholdsOfManyCustomersAllFire() {
    Set<UUID> rules = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      rules.add(above("30", null));
    }
    assertThat(fired(move("29", "31"))).containsExactlyInAnyOrderElementsOf(rules);
  }

  @Test
  void feedsAreSeparateByRegionTariffAndTiming() {
    UUID london = above("30", null);
    UUID manchester = rule(MANCHESTER, new PriceTrigger(level("30"), null), null);
    UUID agile = rule("GB-LON|AGILE|current", new PriceTrigger(level("30"), null), null);
    UUID upcoming = rule("GB-LON||upcoming", new PriceTrigger(level("30"), null), null);

    assertThat(fired(move("29", "31"))).containsExactly(london);
    assertThat(ids(index.match(MANCHESTER, move("29", "31")).fire())).containsExactly(manchester);
    assertThat(ids(index.match("GB-LON|AGILE|current", move("29", "31")).fire()))
        .containsExactly(agile);
    assertThat(ids(index.match("GB-LON||upcoming", move("29", "31")).fire()))
        .containsExactly(upcoming);
    assertThat(index.match("GB-XYZ||current", move("29", "31")).isEmpty()).isTrue();
  }

  @Test
  void aRemovedRuleIsGoneAndAChangedOneFiresOnItsNewThreshold() {
    UUID removed = above("30", null);
    UUID changed = above("30", null);
    commit(c -> c.remove(removed));
    commit(
        c ->
            c.put(
                new PriceRuleEntry(
                    changed, 2, new PriceTrigger(level("40"), null), null, false, false)));

    assertThat(fired(move("29", "31"))).isEmpty();
    assertThat(fired(move("31", "41"))).containsExactly(changed);
    assertThat(index.size()).isEqualTo(1);
    assertThat(index.match(LONDON, move("41", "45")).fire().size()).isZero();
  }

  @Test
  void aChangeOutOfOrderMarksTheFeedStaleUntilItIsReloaded() {
    UUID rule = above("30", null);
    long current = index.version(LONDON);

    boolean applied = index.commit(LONDON, current + 2, c -> c.remove(rule)); // missed one
    assertThat(applied).isFalse();
    assertThat(index.version(LONDON)).isEqualTo(PriceThresholdIndex.STALE);
    assertThat(index.commit(LONDON, current + 3, c -> {})).isFalse();

    PriceThresholdIndex.Rows reloaded = new PriceThresholdIndex.Rows();
    UUID other = UUID.randomUUID();
    reloaded.add(
        LONDON,
        new PriceRuleEntry(other, 1, new PriceTrigger(level("31"), null), null, false, false));
    index.replaceFeed(LONDON, current + 3, reloaded);

    assertThat(index.version(LONDON)).isEqualTo(current + 3);
    assertThat(ids(index.match(LONDON, move("29", "32")).fire())).containsExactly(other);
  }

  @Test
  void anUnknownFeedIsAtVersionZeroAndAFirstChangeStartsIt() {
    assertThat(index.version("GB-NEW||current")).isZero();
    assertThat(
            index.commit(
                "GB-NEW||current",
                1,
                c ->
                    c.put(
                        new PriceRuleEntry(
                            UUID.randomUUID(),
                            1,
                            new PriceTrigger(level("1"), null),
                            null,
                            false,
                            false))))
        .isTrue();
    assertThat(index.version("GB-NEW||current")).isEqualTo(1);
  }

  @Test
  void aBulkBuildStartsFromTheStoredStateAndVersions() {
    PriceThresholdIndex.Rows rows = new PriceThresholdIndex.Rows();
    UUID armed = UUID.randomUUID();
    UUID fired = UUID.randomUUID();
    rows.add(
        LONDON,
        new PriceRuleEntry(armed, 3, new PriceTrigger(level("30"), null), null, false, false));
    rows.add(
        LONDON,
        new PriceRuleEntry(
            fired, 1, new PriceTrigger(level("30"), level("25")), null, true, false));

    PriceThresholdIndex built =
        PriceThresholdIndex.build(rows, Map.of(LONDON, 17L, "X||current", 4L));

    assertThat(built.version(LONDON)).isEqualTo(17);
    assertThat(built.version("X||current")).isEqualTo(4);
    var crossings = built.match(LONDON, move("29", "31"));
    assertThat(ids(crossings.fire())).containsExactly(armed);
    assertThat(crossings.fire().revision(0)).isEqualTo(3);
    assertThat(ids(built.match(LONDON, move("31", "24")).rearm())).containsExactly(fired);
  }

  /**
   * Thousands of random rules and moves against a brute-force reference: the index fires and
   * re-arms exactly the same sides, with hysteresis state carried across moves.
   */
  @Test
  void agreesWithAFullScanOnRandomRulesAndMoves() {
    Random random = new Random(42);
    Map<UUID, Reference> reference = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      String feed = random.nextInt(4) == 0 ? MANCHESTER : LONDON;
      PriceTrigger a = null;
      PriceTrigger b = null;
      if (random.nextInt(3) != 0) {
        long l = random.nextInt(8_000) * 10_000L - 20_000_000L; // -20 .. 60 p in 0.01 steps
        a =
            new PriceTrigger(
                l, random.nextBoolean() ? null : l - random.nextInt(500) * 10_000L - 1);
      }
      if (a == null || random.nextInt(4) == 0) {
        long l = random.nextInt(8_000) * 10_000L - 20_000_000L;
        b =
            new PriceTrigger(
                l, random.nextBoolean() ? null : l + random.nextInt(500) * 10_000L + 1);
      }
      UUID id = rule(feed, a, b);
      reference.put(id, new Reference(feed, a, b));
    }
    long price = 20_000_000L;
    for (int m = 0; m < 300; m++) {
      long next = price + (random.nextInt(2_000) - 1_000) * 10_000L + random.nextInt(3) - 1;
      String feed = random.nextInt(4) == 0 ? MANCHESTER : LONDON;
      PriceMove move = PriceMove.ofLevels(price, next);

      Set<UUID> expectedFire = new HashSet<>();
      Set<UUID> expectedRearm = new HashSet<>();
      for (var e : reference.entrySet()) {
        Reference r = e.getValue();
        if (!r.feed.equals(feed)) {
          continue;
        }
        if (r.above != null && !r.aboveFired && move.crossesUp(r.above.level())) {
          expectedFire.add(e.getKey());
        }
        if (r.above != null && r.aboveFired && move.crossesDown(r.above.effectiveReset())) {
          expectedRearm.add(e.getKey());
        }
        if (r.below != null && !r.belowFired && move.crossesDown(r.below.level())) {
          expectedFire.add(e.getKey());
        }
        if (r.below != null && r.belowFired && move.crossesUp(r.below.effectiveReset())) {
          expectedRearm.add(e.getKey());
        }
      }

      PriceCrossings crossings = index.match(feed, move);
      assertThat(ids(crossings.fire())).as("move %d fires", m).isEqualTo(expectedFire);
      assertThat(ids(crossings.rearm())).as("move %d re-arms", m).isEqualTo(expectedRearm);
      commitAll(feed, crossings);
      boolean rise = next > price;
      for (UUID id : expectedFire) {
        if (rise) {
          reference.get(id).aboveFired = true;
        } else {
          reference.get(id).belowFired = true;
        }
      }
      for (UUID id : expectedRearm) {
        if (rise) {
          reference.get(id).belowFired = false;
        } else {
          reference.get(id).aboveFired = false;
        }
      }
      price = next;
    }
  }

  static final class Reference {
    final String feed;
    final PriceTrigger above;
    final PriceTrigger below;
    boolean aboveFired;
    boolean belowFired;

    Reference(String feed, PriceTrigger above, PriceTrigger below) {
      this.feed = feed;
      this.above = above;
      this.below = below;
    }
  }

  // --- helpers: rules are added through commits, as the application does -------------------

  private UUID above(String level, String reset) {
    return rule(LONDON, new PriceTrigger(level(level), reset == null ? null : level(reset)), null);
  }

  private UUID below(String level, String reset) {
    return rule(LONDON, null, new PriceTrigger(level(level), reset == null ? null : level(reset)));
  }

  private UUID rule(String feed, PriceTrigger above, PriceTrigger below) {
    UUID id = UUID.randomUUID();
    long next = index.version(feed) + 1;
    assertThat(
            index.commit(
                feed, next, c -> c.put(new PriceRuleEntry(id, 1, above, below, false, false))))
        .isTrue();
    return id;
  }

  private void commit(java.util.function.Consumer<PriceThresholdIndex.FeedChanges> change) {
    assertThat(index.commit(LONDON, index.version(LONDON) + 1, change)).isTrue();
  }

  /** Matches on London and commits every firing and re-arming, as if the database agreed. */
  private List<UUID> fired(PriceMove move) {
    PriceCrossings crossings = index.match(LONDON, move);
    commitAll(LONDON, crossings);
    return ids(crossings.fire()).stream().toList();
  }

  private List<UUID> rearmed(PriceMove move) {
    PriceCrossings crossings = index.match(LONDON, move);
    commitAll(LONDON, crossings);
    return ids(crossings.rearm()).stream().toList();
  }

  private void commitAll(String feed, PriceCrossings crossings) {
    index.commit(
        feed,
        index.version(feed) + 1,
        c -> {
          for (int i = 0; i < crossings.fire().size(); i++) {
            c.fired(
                crossings.fireDirection(), crossings.fire().ruleId(i), crossings.fire().slot(i));
          }
          for (int i = 0; i < crossings.rearm().size(); i++) {
            c.armed(
                crossings.rearmDirection(), crossings.rearm().ruleId(i), crossings.rearm().slot(i));
          }
        });
  }

  private static Set<UUID> ids(PriceCrossings.Entries entries) {
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      assertThat(ids.add(entries.ruleId(i))).as("each side once").isTrue();
    }
    return ids;
  }

  static PriceMove move(String from, String to) {
    return PriceMove.of(new BigDecimal(from), new BigDecimal(to));
  }

  static long level(String price) {
    return PriceLevel.of(new BigDecimal(price));
  }
}
