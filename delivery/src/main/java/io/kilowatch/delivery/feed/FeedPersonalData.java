package io.kilowatch.delivery.feed;

import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;

/** The in-app feed's part of data-subject requests: the person's feed items. */
@Singleton
public class FeedPersonalData implements PersonalDataContributor {
  private final FeedMapper mapper;

  FeedPersonalData(Mappers mappers) {
    this.mapper = mappers.of(FeedMapper.class);
  }

  @Override
  public String module() {
    return "delivery-feed";
  }

  @Override
  public Map<String, Set<String>> identifiers(String customerId) {
    return Map.of();
  }

  @Override
  @Transactional
  public Map<String, Object> export(DataSubject subject) {
    return Map.of("feed_items", mapper.all(subject.customerId()));
  }

  @Override
  @Transactional
  public Map<String, Long> erase(DataSubject subject) {
    return Map.of("feed_items", (long) mapper.erase(subject.customerId()));
  }
}
