package io.kilowatch.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the module boundaries of ARCHITECTURE.md on the production classes, and proves each rule
 * can fail on the deliberate violations kept in the {@code archfixture} test packages.
 */
class ArchitectureTest {
  static JavaClasses production;
  static JavaClasses fixtures;

  @BeforeAll
  static void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kilowatch");
    fixtures =
        new ClassFileImporter()
            .importPackages("io.kilowatch.metering.archfixture", "io.kilowatch.rules.archfixture");
  }

  @Test
  void productionSpansEveryModule() {
    // guards against a vacuous pass because the importer saw too little
    assertThat(production.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
        .contains(
            "events",
            "platform",
            "metering",
            "rules",
            "billing",
            "preference",
            "delivery",
            "channel",
            "app");
  }

  @Test
  void domainCodeImportsNoFramework() {
    ArchitectureRules.domainIsFrameworkFree().check(production);
  }

  @Test
  void domainRuleCatchesAFrameworkImport() {
    var result = ArchitectureRules.domainIsFrameworkFree().evaluate(fixtures);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("FrameworkInDomain");
  }

  @Test
  void modulesDependOnlyOnWhatTheyMay() {
    for (ArchRule rule : ArchitectureRules.moduleDependencies()) {
      rule.check(production);
    }
  }

  @Test
  void moduleRuleCatchesACrossModuleDependency() {
    boolean caught =
        ArchitectureRules.moduleDependencies().stream()
            .anyMatch(rule -> rule.evaluate(fixtures).hasViolation());
    assertThat(caught).isTrue();
  }

  @Test
  void everyModuleOwningTablesTakesPartInDataSubjectRequests() {
    var schemas = ArchitectureRules.schemasWithMigrations(getClass().getClassLoader());
    // guards against a vacuous pass: the migrations of the modules were found
    assertThat(schemas)
        .contains("platform", "metering", "billing", "rules", "preference", "delivery", "consent");
    assertThat(
            ArchitectureRules.personalDataWithoutContributor(
                schemas, production, ArchitectureRules.NO_PERSONAL_DATA))
        .isEmpty();
  }

  @Test
  void personalDataRuleCatchesAModuleWithoutContributor() {
    // the fixtures: metering has tables and no contributor, rules has one that is not a bean
    var violations =
        ArchitectureRules.personalDataWithoutContributor(
            java.util.Set.of("metering", "rules", "templates"),
            fixtures,
            java.util.Map.of("templates", ""));
    assertThat(violations)
        .anySatisfy(v -> assertThat(v).startsWith("metering owns schema metering"))
        .anySatisfy(v -> assertThat(v).contains("not a bean: [io.kilowatch.rules.archfixture"))
        .anySatisfy(
            v -> assertThat(v).contains("templates is listed").contains("without a reason"));
  }

  @Test
  void modulesQueryOnlyTheirOwnSchema() {
    assertThat(ArchitectureRules.foreignTableAccess(production)).isEmpty();
  }

  @Test
  void schemaRuleCatchesAForeignTable() {
    assertThat(ArchitectureRules.foreignTableAccess(fixtures))
        .anySatisfy(v -> assertThat(v).contains("metering reads rules.rule"))
        .anySatisfy(v -> assertThat(v).contains("unqualified table reading"));
  }
}
