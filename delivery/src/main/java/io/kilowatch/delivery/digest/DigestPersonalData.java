package io.kilowatch.delivery.digest;

import io.kilowatch.platform.gdpr.DataSubject;
import io.kilowatch.platform.gdpr.PersonalDataContributor;
import io.kilowatch.platform.persistence.Mappers;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;

/**
 * Digests' part of data-subject requests: the notifications waiting in the person's open digest
 * windows. Erasure deletes the windows with their items, so no digest is sent afterwards.
 */
@Singleton
public class DigestPersonalData implements PersonalDataContributor {
  private final DigestMapper mapper;

  DigestPersonalData(Mappers mappers) {
    this.mapper = mappers.of(DigestMapper.class);
  }

  @Override
  public String module() {
    return "delivery-digest";
  }

  @Override
  public Map<String, Set<String>> identifiers(String customerId) {
    return Map.of();
  }

  @Override
  @Transactional
  public Map<String, Object> export(DataSubject subject) {
    return Map.of("digest_items", mapper.itemsOf(subject.customerId()));
  }

  @Override
  @Transactional
  public Map<String, Long> erase(DataSubject subject) {
    long items = mapper.itemsOf(subject.customerId()).size();
    mapper.eraseWindows(subject.customerId()); // items go with their windows (ON DELETE CASCADE)
    return Map.of("digest_items", items);
  }
}
