package io.kilowatch.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.kilowatch.events.notification.NotificationCategory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every notification category has a purpose and a lawful basis here, and nothing else does. */
class CategoryTest {
  @Test
  void theCategoriesAreExactlyTheEventContractsCategories() {
    assertThat(Arrays.stream(Category.values()).map(Category::wireName))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(NotificationCategory.values())
                .map(NotificationCategory::wireName)
                .toList());
  }

  @Test
  void onlyMarketingNeedsConsent() {
    for (Category c : Category.values()) {
      boolean marketing = c == Category.MARKETING;
      assertThat(c.purpose() == Purpose.MARKETING).as(c.wireName()).isEqualTo(marketing);
      assertThat(c.lawfulBasis() == LawfulBasis.CONSENT).as(c.wireName()).isEqualTo(marketing);
    }
    assertThat(Category.OUTAGE.lawfulBasis()).isEqualTo(LawfulBasis.LEGITIMATE_INTEREST);
    assertThat(Category.USAGE.lawfulBasis()).isEqualTo(LawfulBasis.CONTRACT);
  }
}
