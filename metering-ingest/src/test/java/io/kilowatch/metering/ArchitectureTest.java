package io.kilowatch.metering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the module: domain is plain Java, application does not know its adapters.
 * Each rule is also run against {@code archfixture}, which breaks it on purpose, to show the rule
 * can fail.
 */
class ArchitectureTest {
  static final String BASE = "io.kilowatch.metering";
  static final String FIXTURE = "io.kilowatch.metering.archfixture";

  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(BASE);
  static final JavaClasses BROKEN = new ClassFileImporter().importPackages(FIXTURE);

  static ArchRule domainIsPlainJava(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + ".domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.micronaut..",
            "jakarta..",
            "org.apache.ibatis..",
            "com.rabbitmq..",
            "org.apache.camel..",
            "com.fasterxml..",
            "io.kilowatch.platform..",
            base + ".application..",
            base + ".adapter..");
  }

  static ArchRule applicationDoesNotKnowAdapters(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + ".application..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(base + ".adapter..");
  }

  @Test
  void domainIsPlainJava() {
    domainIsPlainJava(BASE).check(MAIN);
    assertThatThrownBy(() -> domainIsPlainJava(FIXTURE).check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("io.micronaut.http.HttpStatus");
  }

  @Test
  void applicationDoesNotKnowAdapters() {
    applicationDoesNotKnowAdapters(BASE).check(MAIN);
    assertThatThrownBy(() -> applicationDoesNotKnowAdapters(FIXTURE).check(BROKEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PersistenceInApplication");
  }
}
