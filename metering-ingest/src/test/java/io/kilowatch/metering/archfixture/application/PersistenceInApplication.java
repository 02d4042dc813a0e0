package io.kilowatch.metering.archfixture.application;

import io.kilowatch.metering.archfixture.adapter.out.persistence.SomeAdapter;

/** Breaks the application rule on purpose; see {@code ArchitectureTest}. */
public class PersistenceInApplication {
  void run(SomeAdapter adapter) {
    adapter.store();
  }
}
