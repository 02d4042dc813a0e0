package io.kilowatch.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last {@code capacity} recorded requests, oldest first. Thread-safe; a plain lock is enough
 * because each operation is a few pointer moves and the sandbox is not the bottleneck of a load
 * test.
 */
final class RequestJournal {
  private final int capacity;
  private final Deque<RecordedRequest> entries = new ArrayDeque<>();

  RequestJournal(int capacity) {
    this.capacity = capacity;
  }

  synchronized void record(RecordedRequest request) {
    if (capacity == 0) {
      return;
    }
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(request);
  }

  synchronized List<RecordedRequest> snapshot() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
