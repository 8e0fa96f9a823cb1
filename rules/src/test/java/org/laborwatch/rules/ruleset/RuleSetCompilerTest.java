package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetCompilerTest {
    private static final String HEADER = """
            package laborwatch.test
            import org.laborwatch.rules.feature.EnterpriseFeatures
            import org.laborwatch.rules.fact.SignalType
            import org.laborwatch.rules.ruleset.Findings
            global Findings hits
            """;

    private static String rule(String metadata, String when, String then) {
        return HEADER + "rule \"r\"\n    " + metadata + "\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    private static final String GOOD_RULE = rule("@id(\"T-1\") @points(10) @agencies(\"HRSS\")",
            "EnterpriseFeatures( complaints30d >= 1 )", "hits.add(drools.getRule(), \"投诉\");");

    @Test
    void shouldCompileAValidRuleAndReadItsMetadata() throws RuleSetRejected {
        CompiledRuleSet compiled = RuleSetCompiler.compile(new RuleSet("v1", Map.of("t.drl", GOOD_RULE)));

        assertThat(compiled.ruleById("T-1").points()).isEqualTo(10);
        assertThat(compiled.ruleById("T-1").agencies()).extracting(Enum::name).containsExactly("HRSS");
    }

    @Test
    void shouldRejectSyntaxErrorWithFileAndLine() {
        String broken = rule("@id(\"T-1\") @points(10) @agencies(\"HRSS\")",
                "EnterpriseFeatures( complaints30d >= )", "hits.add(drools.getRule(), \"x\");");

        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("v2", Map.of("broken.drl", broken))))
                .isInstanceOfSatisfying(RuleSetRejected.class, e -> {
                    assertThat(e.problems()).isNotEmpty();
                    assertThat(e.problems().get(0).file()).isEqualTo("broken.drl");
                    assertThat(e.problems().get(0).line()).isEqualTo(9);
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "process exit      | System.exit(1);                         | System",
        "file access       | new java.io.File(\"x\").delete();       | java.io",
        "reflection        | hits.getClass().getDeclaredMethods();   | getClass",
        "threads           | new Thread(() -> {}).start();           | Thread",
    })
    void shouldRejectForbiddenConstructsBeforeCompiling(String name, String consequence, String named) {
        String drl = rule("@id(\"T-1\") @points(10) @agencies(\"HRSS\")", "EnterpriseFeatures()", consequence);

        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("v3", Map.of("evil.drl", drl))))
                .isInstanceOfSatisfying(RuleSetRejected.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> {
                            assertThat(p.message()).contains(named);
                            assertThat(p.line()).isEqualTo(11);
                        }));
    }

    @Test
    void shouldAllowForbiddenWordsInsideReasonsAndComments() throws RuleSetRejected {
        String drl = rule("@id(\"T-1\") @points(10) @agencies(\"HRSS\")", "EnterpriseFeatures() // System",
                "hits.add(drools.getRule(), \"System Thread File\");");

        assertThat(RuleSetCompiler.compile(new RuleSet("v4", Map.of("ok.drl", drl))).rules()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no id            | @points(10) @agencies(\"HRSS\")                | no @id",
        "no points        | @id(\"T-1\") @agencies(\"HRSS\")               | no @points",
        "points too high  | @id(\"T-1\") @points(150) @agencies(\"HRSS\")  | expected 0 to 100",
        "unknown agency   | @id(\"T-1\") @points(10) @agencies(\"POLICE\") | unknown agency POLICE",
    })
    void shouldRejectRulesWithoutValidMetadata(String name, String metadata, String expected) {
        String drl = rule(metadata, "EnterpriseFeatures()", "hits.add(drools.getRule(), \"x\");");

        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("v5", Map.of("m.drl", drl))))
                .isInstanceOfSatisfying(RuleSetRejected.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.message()).contains(expected)));
    }

    @Test
    void shouldRejectTwoRulesSharingAnId() {
        String second = GOOD_RULE.replace("rule \"r\"", "rule \"r2\"").replace(HEADER, "");

        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("v6", Map.of("d.drl", GOOD_RULE + second))))
                .isInstanceOfSatisfying(RuleSetRejected.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.message()).contains("share @id T-1")));
    }

    @Test
    void shouldGiveEveryEvaluationModeTheSameFindings() throws RuleSetRejected {
        CompiledRuleSet library = RuleSetCompiler.compile(RuleSets.bundled());
        var signals = new org.laborwatch.rules.fact.Signal[] {
            org.laborwatch.rules.Signals.status(org.laborwatch.rules.Signals.E1, "ABNORMAL", org.laborwatch.rules.Signals.day(0)),
            org.laborwatch.rules.Signals.wageArrears(org.laborwatch.rules.Signals.E1, 4, 30, 700_000,
                    org.laborwatch.rules.Signals.day(2))};
        var history = new org.laborwatch.rules.feature.SignalHistory();
        for (var s : signals) {
            history.add(org.laborwatch.rules.feature.Trace.of(s));
        }
        var features = org.laborwatch.rules.feature.FeatureCalculator.compute(signals[1], history, 0,
                org.laborwatch.rules.risk.RiskLevel.NONE);
        java.util.Set<java.util.List<Finding>> results = new java.util.HashSet<>();
        for (SessionMode mode : SessionMode.values()) {
            try (RuleEvaluator evaluator = library.newEvaluator(mode)) {
                results.add(evaluator.evaluate(features, signals[1]).stream()
                        .sorted(java.util.Comparator.comparing(f -> f.rule().id())).toList());
            }
        }
        assertThat(results).hasSize(1);
        assertThat(results.iterator().next()).extracting(f -> f.rule().id()).contains("REF-001", "WAGE-001");
    }
}
