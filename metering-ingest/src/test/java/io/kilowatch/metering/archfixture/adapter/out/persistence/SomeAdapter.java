package io.kilowatch.metering.archfixture.adapter.out.persistence;

/** An adapter the fixture's application layer wrongly depends on; see {@code ArchitectureTest}. */
public class SomeAdapter {
  public void store() {}
}
