package io.kilowatch.consent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The dependency rule of ports and adapters, held for consent-gdpr's main code. */
class DependencyRulesTest {
  static final String BASE = "io.kilowatch.consent";

  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(BASE);

  /** Domain code sees only the JDK and itself: no framework, persistence or messaging type. */
  static ArchRule domainIsPlainJava(String base) {
    return noClasses()
        .that()
        .resideInAPackage(base + ".domain..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(base + ".domain..", "java..")
        .because("domain code imports no Micronaut, Hazelcast, MyBatis or Camel type");
  }

  @Test
  void domainDependsOnNothingButTheJdk() {
    assertThat(MAIN.containPackage(BASE + ".domain")).isTrue();
    domainIsPlainJava(BASE).check(MAIN);
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
  void thePublicApiExposesNoInternalType() {
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
  void domainRuleCatchesAFrameworkTypeInDomainCode() {
    JavaClasses fixture = new ClassFileImporter().importPackages(BASE + ".archfixture");
    assertThat(domainIsPlainJava(BASE + ".archfixture").evaluate(fixture).hasViolation()).isTrue();
  }
}
