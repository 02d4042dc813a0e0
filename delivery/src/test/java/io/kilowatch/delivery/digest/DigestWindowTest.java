package io.kilowatch.delivery.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestWindowTest {
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  @Test
  void fixedPeriodWindowsAreAlignedToTheEpochAndCloseAfterNow() {
    DigestWindow day = DigestWindow.parse("PT24H");
    assertThat(day.closesAfter(Instant.parse("2026-07-15T12:00:00Z"), ZoneOffset.UTC))
        .isEqualTo("2026-07-16T00:00:00Z");
    // exactly at a boundary the next window is meant: it never closes at now
    assertThat(day.closesAfter(Instant.parse("2026-07-16T00:00:00Z"), LONDON))
        .isEqualTo("2026-07-17T00:00:00Z");
    assertThat(
            DigestWindow.parse("PT15M").closesAfter(Instant.parse("2026-07-15T12:14:59Z"), LONDON))
        .isEqualTo("2026-07-15T12:15:00Z");
  }

  @Test
  void dailyLocalTimeFollowsTheCustomersZoneAcrossDaylightSaving() {
    DigestWindow eight = DigestWindow.parse("08:00");
    // 08:00 BST = 07:00 UTC
    assertThat(eight.closesAfter(Instant.parse("2026-07-15T06:59:00Z"), LONDON))
        .isEqualTo("2026-07-15T07:00:00Z");
    assertThat(eight.closesAfter(Instant.parse("2026-07-15T07:00:00Z"), LONDON))
        .isEqualTo("2026-07-16T07:00:00Z");
    // 08:00 GMT in winter = 08:00 UTC; the clocks go back on 2026-10-25
    assertThat(eight.closesAfter(Instant.parse("2026-10-24T09:00:00Z"), LONDON))
        .isEqualTo("2026-10-25T08:00:00Z");
  }

  @Test
  void unreadableWindowsAreRefusedWithTheValue() {
    for (String bad : List.of("daily", "PT30S", "25:00", "P-1D")) {
      assertThatThrownBy(() -> DigestWindow.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
  }

  @Test
  void digestTextListsItemsInOrderAndSumsUpTheRest() {
    Instant t = Instant.parse("2026-07-15T10:00:00Z");
    var items =
        java.util.stream.IntStream.range(0, DigestCloser.MAX_LISTED + 2)
            .mapToObj(
                i ->
                    new DigestMapper.ItemRow(
                        "n" + i, "C", "price", t, "price.above-threshold", "T" + i, "B" + i, t, t))
            .toList();
    String text = DigestCloser.lines(items);
    assertThat(text).startsWith("- T0: B0\n- T1: B1\n").endsWith("\n(+2)");
    assertThat(text.lines()).hasSize(DigestCloser.MAX_LISTED + 1);

    var digest =
        DigestCloser.digest(
            new DigestMapper.WindowRow("C", "price", Instant.parse("2026-07-16T00:00:00Z")),
            items.subList(0, 3),
            t);
    assertThat(digest.data().templateKey()).isEqualTo("price.digest");
    assertThat(digest.data().idempotencyKey()).isEqualTo("digest:C:price:2026-07-16T00:00:00Z");
    assertThat(digest.data().data()).containsEntry("count", "3");
    // the same window always gives the same notification id
    assertThat(
            DigestCloser.digest(
                    new DigestMapper.WindowRow("C", "price", Instant.parse("2026-07-16T00:00:00Z")),
                    items.subList(0, 1),
                    t.plusSeconds(60))
                .data()
                .notificationId())
        .isEqualTo(digest.data().notificationId());
  }
}
