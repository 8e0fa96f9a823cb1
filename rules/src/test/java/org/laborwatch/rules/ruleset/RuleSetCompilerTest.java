package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.complaint;
import static org.laborwatch.rules.Signals.day;
import static org.laborwatch.rules.Signals.status;
import static org.laborwatch.rules.Signals.wageArrears;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.feature.FeatureCalculator;
import org.laborwatch.rules.feature.SignalHistory;
import org.laborwatch.rules.feature.Trace;
import org.laborwatch.rules.risk.RiskLevel;

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
        Signal[] signals = {status(E1, "ABNORMAL", day(0)), wageArrears(E1, 4, 30, 700_000, day(2))};

        assertThat(findingsInEveryMode(library, signals)).extracting(f -> f.rule().id())
                .contains("REF-001", "WAGE-001");
    }

    @Test
    void shouldMatchTheSignalItselfWhenARuleHasASignalPattern() throws RuleSetRejected {
        String drl = HEADER + """
                import org.laborwatch.rules.fact.Signal
                rule "s"
                    @id("T-S") @points(5) @agencies("UNION")
                when
                    Signal( type == SignalType.COMPLAINT, source != null )
                then
                    hits.add(drools.getRule(), "投诉");
                end
                """;
        CompiledRuleSet withSignalPattern = RuleSetCompiler.compile(new RuleSet("v7", Map.of("s.drl", drl)));

        assertThat(withSignalPattern.matchesSignals()).isTrue();
        assertThat(findingsInEveryMode(withSignalPattern, new Signal[] {complaint(E1, "P1", day(0))}))
                .extracting(f -> f.rule().id()).containsExactly("T-S");
    }

    @Test
    void shouldNotInsertTheSignalWhenNoRuleCanMatchIt() throws RuleSetRejected {
        assertThat(RuleSetCompiler.compile(RuleSets.bundled()).matchesSignals()).isFalse();
    }

    /** The findings for the last signal, the same in every session mode (asserted), sorted by rule id. */
    private static List<Finding> findingsInEveryMode(CompiledRuleSet ruleSet, Signal[] signals) {
        SignalHistory history = new SignalHistory();
        for (Signal s : signals) {
            history.add(Trace.of(s));
        }
        Signal last = signals[signals.length - 1];
        EnterpriseFeatures features = FeatureCalculator.compute(last, history, 0, RiskLevel.NONE);
        Set<List<Finding>> results = new HashSet<>();
        for (SessionMode mode : SessionMode.values()) {
            try (RuleEvaluator evaluator = ruleSet.newEvaluator(mode)) {
                results.add(evaluator.evaluate(features, last).stream()
                        .sorted(Comparator.comparing(f -> f.rule().id())).toList());
            }
        }
        assertThat(results).hasSize(1);
        return results.iterator().next();
    }
}
