package io.kilowatch.platform.gdpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading {@code kilowatch.retention.*}: defaults, overrides, and a clear error for bad values. */
class ConfiguredRetentionPolicyTest {
  static ConfiguredRetentionPolicy withProperties(Map<String, Object> properties) {
    ApplicationContext context = ApplicationContext.builder().properties(properties).build();
    Environment environment = context.getEnvironment().start();
    try {
      return new ConfiguredRetentionPolicy(environment);
    } finally {
      environment.stop();
    }
  }

  @Test
  void defaultsCoverTheKnownDataTypes() {
    assertThat(withProperties(Map.of()).periods())
        .containsExactlyInAnyOrderEntriesOf(ConfiguredRetentionPolicy.DEFAULTS);
    assertThat(ConfiguredRetentionPolicy.DEFAULTS)
        .containsEntry(RetentionPolicy.AUDIT_LOG, "P6Y")
        .containsEntry(RetentionPolicy.ERASURE_RECEIPTS, "forever");
  }

  @Test
  void anInvalidPeriodNamesTheKey() {
    assertThatThrownBy(
            () -> withProperties(Map.of("kilowatch.retention.delivery-records", "ten days")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kilowatch.retention.delivery-records");
  }
}
