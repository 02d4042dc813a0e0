package io.kilowatch.metering.archfixture;

import org.apache.ibatis.annotations.Select;

/**
 * A deliberate violation, never on the production classpath: metering depending on the rules module
 * and reading its table. {@code ArchitectureTest} proves the rules catch it.
 */
public interface ReadsAnotherModule {
  @Select("SELECT threshold_wh FROM rules.rule WHERE customer_id = #{id}")
  Long threshold(String id);

  @Select("SELECT count(*) FROM reading")
  long unqualified();

  default Class<?> crossModule() {
    return io.kilowatch.delivery.domain.DeliveryStatus.class;
  }
}
