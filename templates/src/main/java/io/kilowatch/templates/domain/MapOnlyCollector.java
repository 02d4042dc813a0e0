package io.kilowatch.templates.domain;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks variables up in the data map and nowhere else: no reflection on values (so {@code
 * {{name.class}}} reads nothing), no iteration (a section is a condition, not a loop). Thread-safe.
 */
final class MapOnlyCollector extends BasicCollector {
  static final MapOnlyCollector INSTANCE = new MapOnlyCollector();

  private MapOnlyCollector() {}

  @Override
  public Mustache.VariableFetcher createFetcher(Object context, String name) {
    return context instanceof Map ? super.createFetcher(context, name) : null;
  }

  @Override
  public Iterator<?> toIterator(Object value) {
    return null;
  }

  @Override
  public <K, V> Map<K, V> createFetcherCache() {
    return new ConcurrentHashMap<>();
  }
}
