package io.kilowatch.rules.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kilowatch.events.notification.NotificationRequested;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every template key the rules engine requests has a default template in the templates module
 * ({@code templates/src/main/resources/templates/defaults}, copied to {@code default-templates/} on
 * the test class path by the pom), and every variable those templates use is in the data the rules
 * emit: required ones in every notification of the key, optional ones at least sometimes. The data
 * is what the evaluations really emit for a rule of every kind ({@link EveryRuleKind}), not a list
 * kept by hand. A key without a file, a template variable the rules never send or a required one
 * they sometimes leave out fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultTemplatesCoverageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([#^/]?)\\s*([^}!\\s]+)\\s*}}");

  /** Template key → the data of every notification of that key. */
  private final Map<String, List<Map<String, String>>> emitted = new LinkedHashMap<>();

  @BeforeAll
  void everyKindNotifies() {
    RulesEngineFixture engine = new RulesEngineFixture();
    EveryRuleKind.rules(engine, "C-1", "MTR-1");
    EveryRuleKind.rules(engine, "C-2", "MTR-2", "channels", "email");
    EveryRuleKind.events(engine, List.of("C-1", "C-2"), List.of("MTR-1", "MTR-2"));
    for (NotificationRequested n : engine.sent()) {
      emitted.computeIfAbsent(n.templateKey(), k -> new ArrayList<>()).add(n.data());
    }
  }

  @Test
  void theScenarioEmitsEveryTemplateKeyTheEngineDeclares() {
    assertThat(emitted.keySet()).isEqualTo(PreferredChannelsTest.templateKeys());
  }

  @Test
  void everyEmittedKeyHasADefaultTemplateWhoseVariablesTheDataCovers() throws IOException {
    List<String> problems = new ArrayList<>();
    for (var entry : emitted.entrySet()) {
      problems.addAll(problems(entry.getKey(), entry.getValue()));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theCheckFindsAMissingTemplateAndAVariableTheRulesDoNotSend() throws IOException {
    assertThat(problems("usage.no-such-key", List.of(Map.of("day", "2026-07-15"))))
        .containsExactly(
            "usage.no-such-key: no default template default-templates/usage.no-such-key.json");
    List<Map<String, String>> withoutMeter =
        List.of(Map.of("day", "2026-07-15", "thresholdKwh", "10", "usageKwh", "11"));
    assertThat(problems("usage.daily-threshold-crossed", withoutMeter))
        .containsExactly(
            "usage.daily-threshold-crossed: required variable meterId is missing or blank in"
                + " emitted data [day, thresholdKwh, usageKwh]");
  }

  /** What is wrong between the key's default template and the data emitted for it. */
  static List<String> problems(String key, List<Map<String, String>> data) throws IOException {
    String path = "default-templates/" + key + ".json";
    JsonNode file;
    try (InputStream in =
        DefaultTemplatesCoverageTest.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        return List.of(key + ": no default template " + path);
      }
      file = JSON.readTree(in);
    }
    List<String> problems = new ArrayList<>();
    if (!key.equals(file.path("key").asText())) {
      problems.add(key + ": the file declares key " + file.path("key").asText());
    }
    Map<String, Boolean> declared = new LinkedHashMap<>(); // name → required
    file.path("variables")
        .forEach(v -> declared.put(v.path("name").asText(), v.path("required").asBoolean(true)));
    Set<String> used = new LinkedHashSet<>();
    collectTags(file.path("templates"), used);
    if (used.isEmpty()) {
      problems.add(key + ": the default template has no text with variables");
    }
    for (String variable : used) {
      if (!declared.containsKey(variable)) {
        problems.add(key + ": template uses undeclared variable " + variable);
      }
    }
    for (var variable : declared.entrySet()) {
      String name = variable.getKey();
      if (variable.getValue()) {
        for (Map<String, String> d : data) {
          String value = d.get(name);
          if (value == null || value.isBlank()) {
            problems.add(
                key
                    + ": required variable "
                    + name
                    + " is missing or blank in emitted data "
                    + new TreeSet<>(d.keySet()));
          }
        }
      } else if (used.contains(name) && data.stream().noneMatch(d -> d.containsKey(name))) {
        problems.add(key + ": optional variable " + name + " is never emitted");
      }
    }
    return problems;
  }

  /** The variable names of every tag in every text of the templates (sections included). */
  private static void collectTags(JsonNode node, Set<String> names) {
    if (node.isTextual()) {
      Matcher m = TAG.matcher(node.asText());
      while (m.find()) {
        names.add(m.group(2));
      }
    } else {
      node.forEach(child -> collectTags(child, names));
    }
  }
}
