package io.kilowatch.delivery.adapter.out.persistence;

import io.kilowatch.delivery.application.AnalyticsStore;
import io.kilowatch.platform.persistence.Mappers;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.List;

@Singleton
class AnalyticsPersistence implements AnalyticsStore {
  private static final int CHUNK = 1000;
  private final AnalyticsMapper mapper;

  AnalyticsPersistence(Mappers mappers) {
    this.mapper = mappers.of(AnalyticsMapper.class);
  }

  @Override
  public void add(List<StatRow> stats, List<LatencyRow> latencies) {
    for (int i = 0; i < stats.size(); i += CHUNK) {
      mapper.addStats(stats.subList(i, Math.min(stats.size(), i + CHUNK)));
    }
    for (int i = 0; i < latencies.size(); i += CHUNK) {
      mapper.addLatencies(latencies.subList(i, Math.min(latencies.size(), i + CHUNK)));
    }
  }

  @Override
  public List<StatRow> stats(LocalDate from, LocalDate to) {
    return mapper.stats(from, to);
  }

  @Override
  public List<LatencyRow> latencies(LocalDate from, LocalDate to) {
    return mapper.latencies(from, to);
  }
}
