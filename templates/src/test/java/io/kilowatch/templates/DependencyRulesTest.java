package io.kilowatch.templates;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The dependency rule of ports and adapters, held for the templates module's main code. */
class DependencyRulesTest {
  static final String BASE = "io.kilowatch.templates";

  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(BASE);

  /**
   * Domain code sees the JDK, the module's public value types, the channel enum, the template
   * engine and Jackson's streaming parser (for webhook bodies); no framework, persistence or
   * messaging type.
   */
  static ArchRule domainIsPlainJava(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + ".domain..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            base + ".domain..",
            base,
            "java..",
            "io.kilowatch.channel",
            "com.samskivert.mustache..",
            "com.fasterxml.jackson.core..")
        .because("domain code imports no Micronaut, Rabbit, MyBatis or Camel type");
  }

  @Test
  void domainDependsOnNothingButTheJdkAndTheTemplateEngine() {
    assertThat(MAIN.containPackage(BASE + ".domain")).isTrue();
    domainIsPlainJava(BASE).check(MAIN);
  }

  @Test
  void thePublicApiDependsOnNoInternalPackage() {
    noClasses()
        .that()
        .resideInAPackage(BASE)
        .and()
        .arePublic()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(BASE + ".domain..", BASE + ".application..", BASE + ".adapter..")
        .check(MAIN);
  }

  @Test
  void applicationDoesNotDependOnAdapters() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".application..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BASE + ".adapter..")
        .check(MAIN);
  }

  @Test
  void inboundAdaptersDoNotReachIntoOutboundOnes() {
    noClasses()
        .that()
        .resideInAPackage(BASE + ".adapter.in..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(BASE + ".adapter.out..")
        .check(MAIN);
  }

  @Test
  void domainRuleCatchesAFrameworkTypeInDomainCode() {
    JavaClasses fixture = new ClassFileImporter().importPackages(BASE + ".archfixture");
    assertThat(domainIsPlainJava(BASE + ".archfixture").evaluate(fixture).hasViolation()).isTrue();
  }
}
