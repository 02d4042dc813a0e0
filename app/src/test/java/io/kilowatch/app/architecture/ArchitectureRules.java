package io.kilowatch.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kilowatch's module rules, applied to whatever classes they are given: the production classes
 * (must pass) and deliberate violations in test fixtures (must fail), so no rule passes vacuously.
 */
final class ArchitectureRules {
  /** Module base package → the modules it may depend on (besides itself and the JDK). */
  static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("events", Set.of());
    // channel-api is plain Java; the adapters under io.kilowatch.channel.* may use the platform
    ALLOWED.put("channel", Set.of("platform", "events"));
    ALLOWED.put("templates", Set.of("platform", "events", "channel"));
    ALLOWED.put("consent", Set.of("platform", "events", "channel"));
    ALLOWED.put("sandbox", Set.of());
    ALLOWED.put("simulator", Set.of());
    ALLOWED.put("infra", Set.of());
    ALLOWED.put("platform", Set.of("events"));
    ALLOWED.put("metering", Set.of("platform", "events"));
    ALLOWED.put("billing", Set.of("platform", "events"));
    ALLOWED.put("rules", Set.of("platform", "events"));
    ALLOWED.put("preference", Set.of("platform", "events", "channel"));
    ALLOWED.put(
        "delivery", Set.of("platform", "events", "channel", "preference", "templates", "consent"));
  }

  /** Which schema each module owns. */
  static final Map<String, String> SCHEMA =
      Map.of(
          "platform", "platform",
          "metering", "metering",
          "billing", "billing",
          "rules", "rules",
          "preference", "preference",
          "delivery", "delivery",
          "templates", "templates",
          "consent", "consent");

  private static final List<String> ALL_MODULES =
      List.of(
          "templates",
          "consent",
          "events",
          "channel",
          "sandbox",
          "simulator",
          "infra",
          "platform",
          "metering",
          "billing",
          "rules",
          "preference",
          "delivery",
          "app",
          "testing");

  /**
   * Modules that own a schema but hold no personal data, each with the reason. Every other module
   * that owns a schema must have a {@code PersonalDataContributor} bean.
   */
  static final Map<String, String> NO_PERSONAL_DATA =
      Map.of(
          "platform",
          "outbox rows are events in flight, deleted as soon as the broker confirms them; the inbox"
              + " holds consumer names and event ids only",
          "templates",
          "template definitions and versions are written by staff for everyone; previews render"
              + " sample data and are never stored");

  private static final String CONTRIBUTOR = "io.kilowatch.platform.gdpr.PersonalDataContributor";
  private static final Set<String> BEAN_ANNOTATIONS =
      Set.of(
          "jakarta.inject.Singleton",
          "io.micronaut.context.annotation.Context",
          "io.micronaut.context.annotation.Prototype",
          "io.micronaut.context.annotation.Bean");

  private ArchitectureRules() {}

  /**
   * Every module that owns tables ({@code db/<schema>} migrations on the classpath) has a concrete
   * {@code PersonalDataContributor} bean class, or is listed in {@code noPersonalData} with a
   * reason. Returns the violations.
   */
  static List<String> personalDataWithoutContributor(
      Set<String> schemasWithMigrations, JavaClasses classes, Map<String, String> noPersonalData) {
    List<String> violations = new ArrayList<>();
    Map<String, String> moduleOfSchema = new LinkedHashMap<>();
    SCHEMA.forEach((module, schema) -> moduleOfSchema.put(schema, module));
    for (String schema : new java.util.TreeSet<>(schemasWithMigrations)) {
      String module = moduleOfSchema.get(schema);
      if (module == null) {
        violations.add("schema " + schema + " has migrations but no module in SCHEMA owns it");
        continue;
      }
      String reason = noPersonalData.get(module);
      if (reason != null) {
        if (reason.isBlank()) {
          violations.add(module + " is listed as holding no personal data without a reason");
        }
        continue;
      }
      boolean hasBean = false;
      List<String> notBeans = new ArrayList<>();
      for (JavaClass type : classes) {
        if (!type.getPackageName().startsWith("io.kilowatch." + module + ".")
            && !type.getPackageName().equals("io.kilowatch." + module)) {
          continue;
        }
        if (type.isInterface()
            || type.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
            || !type.isAssignableTo(CONTRIBUTOR)) {
          continue;
        }
        boolean bean =
            BEAN_ANNOTATIONS.stream().anyMatch(a -> type.isAnnotatedWith(a))
                || type.getAnnotations().stream()
                    .anyMatch(a -> a.getRawType().isAnnotatedWith("jakarta.inject.Singleton"));
        if (bean) {
          hasBean = true;
        } else {
          notBeans.add(type.getName());
        }
      }
      if (!hasBean) {
        violations.add(
            module
                + " owns schema "
                + schema
                + " but has no PersonalDataContributor bean"
                + (notBeans.isEmpty() ? "" : " (not a bean: " + notBeans + ")")
                + "; implement it or list the module in NO_PERSONAL_DATA with the reason");
      }
    }
    return violations;
  }

  /** The schemas whose Flyway migrations ({@code db/<schema>/V*.sql}) are on the classpath. */
  static Set<String> schemasWithMigrations(ClassLoader loader) {
    Set<String> schemas = new java.util.TreeSet<>();
    try {
      var roots = loader.getResources("db");
      while (roots.hasMoreElements()) {
        java.net.URL root = roots.nextElement();
        if (root.getProtocol().equals("file")) {
          java.io.File[] dirs = new java.io.File(root.toURI()).listFiles(java.io.File::isDirectory);
          for (java.io.File dir : dirs == null ? new java.io.File[0] : dirs) {
            String[] sql = dir.list((d, name) -> name.matches("V.*\\.sql"));
            if (sql != null && sql.length > 0) {
              schemas.add(dir.getName());
            }
          }
        } else if (root.getProtocol().equals("jar")) {
          var connection = (java.net.JarURLConnection) root.openConnection();
          try (var jar = new java.util.jar.JarFile(connection.getJarFileURL().getFile())) {
            jar.stream()
                .map(java.util.jar.JarEntry::getName)
                .filter(name -> name.matches("db/[^/]+/V[^/]*\\.sql"))
                .forEach(name -> schemas.add(name.split("/")[1]));
          }
        }
      }
    } catch (java.io.IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot list db/ migrations", e);
    }
    return schemas;
  }

  /** Domain code imports no framework, broker, persistence or routing type. */
  static ArchRule domainIsFrameworkFree() {
    return noClasses()
        .that()
        .resideInAPackage("io.kilowatch..domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.micronaut..",
            "jakarta.inject..",
            "com.rabbitmq..",
            "org.apache.ibatis..",
            "org.apache.camel..",
            "com.hazelcast..",
            "java.sql..")
        .allowEmptyShould(false);
  }

  /** Each module depends only on the modules it is allowed to. */
  static List<ArchRule> moduleDependencies() {
    List<ArchRule> rules = new ArrayList<>();
    ALLOWED.forEach(
        (module, allowed) -> {
          String[] forbidden =
              ALL_MODULES.stream()
                  .filter(m -> !m.equals(module) && !allowed.contains(m))
                  .map(m -> "io.kilowatch." + m + "..")
                  .toArray(String[]::new);
          rules.add(
              noClasses()
                  .that()
                  .resideInAPackage("io.kilowatch." + module + "..")
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(forbidden)
                  .allowEmptyShould(true)
                  .as(module + " depends only on " + allowed));
        });
    // The notification side may use another module's Java API, never its adapters.
    rules.add(
        noClasses()
            .that()
            .resideInAPackage("io.kilowatch.delivery..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.kilowatch.preference.adapter..")
            .allowEmptyShould(true)
            .as("delivery uses preference's API, not its adapters"));
    return rules;
  }

  private static final Pattern TABLE =
      Pattern.compile(
          "(?i)\\b(?:from|join|into|update|table)\\s+([a-z_][a-z0-9_]*)(?:\\.([a-z_][a-z0-9_]*))?");
  // words that follow FROM/UPDATE without being tables: "FOR UPDATE SKIP LOCKED", "DO UPDATE SET"
  private static final Set<String> SQL_WORDS =
      Set.of("select", "lateral", "unnest", "only", "set", "skip", "nowait", "of");
  private static final Set<String> MYBATIS =
      Set.of(
          "org.apache.ibatis.annotations.Select",
          "org.apache.ibatis.annotations.Insert",
          "org.apache.ibatis.annotations.Update",
          "org.apache.ibatis.annotations.Delete");

  /**
   * Every table a module's SQL names is schema-qualified and in the module's own schema. Returns
   * the violations, empty when the classes keep to their own tables.
   */
  static List<String> foreignTableAccess(JavaClasses classes) {
    List<String> violations = new ArrayList<>();
    for (JavaClass type : classes) {
      String module = moduleOf(type.getPackageName());
      if (module == null || !SCHEMA.containsKey(module)) {
        continue;
      }
      for (JavaMethod method : type.getMethods()) {
        for (String sql : sqlOf(method)) {
          Matcher m = TABLE.matcher(sql);
          while (m.find()) {
            String schema = m.group(2) == null ? null : m.group(1);
            String table = m.group(2) == null ? m.group(1) : m.group(2);
            if (SQL_WORDS.contains(table.toLowerCase()) || table.startsWith("pg_")) {
              continue;
            }
            if (schema == null) {
              violations.add(
                  type.getName() + "." + method.getName() + ": unqualified table " + table);
            } else if (!schema.equals(SCHEMA.get(module))) {
              violations.add(
                  type.getName()
                      + "."
                      + method.getName()
                      + ": "
                      + module
                      + " reads "
                      + schema
                      + "."
                      + table);
            }
          }
        }
      }
    }
    return violations;
  }

  static EvaluationResult evaluate(ArchRule rule, JavaClasses classes) {
    return rule.evaluate(classes);
  }

  private static String moduleOf(String packageName) {
    if (!packageName.startsWith("io.kilowatch.")) {
      return null;
    }
    String rest = packageName.substring("io.kilowatch.".length());
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static List<String> sqlOf(JavaMethod method) {
    List<String> sql = new ArrayList<>();
    Method reflected;
    try {
      reflected = method.reflect();
    } catch (RuntimeException e) {
      return sql;
    }
    for (Annotation a : reflected.getAnnotations()) {
      if (MYBATIS.contains(a.annotationType().getName())) {
        try {
          Object value = a.annotationType().getMethod("value").invoke(a);
          for (String part : (String[]) value) {
            sql.add(part);
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return sql;
  }
}
