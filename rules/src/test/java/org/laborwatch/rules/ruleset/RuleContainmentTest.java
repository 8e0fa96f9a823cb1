package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.complaint;
import static org.laborwatch.rules.Signals.day;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.feature.FeatureCalculator;
import org.laborwatch.rules.feature.SignalHistory;
import org.laborwatch.rules.feature.Trace;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * What the sandbox lets through but must still not take the job down: a rule that throws is quarantined while the
 * others judge the signal; an evaluation past its firing limit or time budget is stopped; each reported once.
 */
class RuleContainmentTest {
    private static final String HEADER = """
            package laborwatch.test
            import org.laborwatch.rules.feature.EnterpriseFeatures
            import org.laborwatch.rules.fact.SignalType
            import org.laborwatch.rules.ruleset.Findings
            global Findings hits
            """;
    /** Throws on every signal without a "count" attribute: Integer.parseInt(null). */
    private static final String THROWING = """
            rule "throws"
                @id("T-BAD") @points(10) @agencies("HRSS")
            when
                $f : EnterpriseFeatures( signalType == SignalType.COMPLAINT )
            then
                hits.add(drools.getRule(), "第 " + Integer.parseInt($f.signal().attribute("count")) + " 次");
            end
            """;

    /**
     * Rules whose conditions throw on a complaint without "count": two share one constraint (one node, both named by
     * Drools), one throws in a pattern on the signal.
     */
    private static final String THROWING_CONDITIONS = """
            rule "throws in its condition"
                @id("T-BADC") @points(10) @agencies("HRSS")
            when
                EnterpriseFeatures( signalType == SignalType.COMPLAINT, Integer.parseInt(signal().attribute("count")) > 0 )
            then
                hits.add(drools.getRule(), "坏条件");
            end
            rule "shares the throwing condition"
                @id("T-BADS") @points(10) @agencies("HRSS")
            when
                EnterpriseFeatures( signalType == SignalType.COMPLAINT, Integer.parseInt(signal().attribute("count")) > 0 )
                Signal( id != null )
            then
                hits.add(drools.getRule(), "坏条件");
            end
            rule "throws in a condition on the signal"
                @id("T-BADX") @points(10) @agencies("HRSS")
            when
                Signal( Integer.parseInt(id) > 0 )
            then
                hits.add(drools.getRule(), "坏条件");
            end
            """;

    private static String firing(String id) {
        return """
                rule "%s"
                    @id("%s") @points(10) @agencies("HRSS")
                when
                    EnterpriseFeatures( signalType == SignalType.COMPLAINT )
                then
                    hits.add(drools.getRule(), "投诉");
                end
                """.formatted(id, id);
    }

    private static CompiledRuleSet compile(String rules) throws RuleSetRejected {
        return RuleSetCompiler.compile(new RuleSet("c-1", Map.of("c.drl", HEADER + rules)));
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(f -> f.rule().id()).sorted().toList();
    }

    private static List<Finding> judge(RuleEvaluator evaluator, Signal signal) {
        SignalHistory history = new SignalHistory();
        history.add(Trace.of(signal));
        EnterpriseFeatures features = FeatureCalculator.compute(signal, history, 0, RiskLevel.NONE);
        return evaluator.evaluate(features, signal);
    }

    @ParameterizedTest
    @EnumSource(value = SessionMode.class, names = {"LONG_LIVED", "NEW_SESSION"})
    void shouldQuarantineARuleThatThrowsWhileTheOthersStillJudge(SessionMode mode) throws RuleSetRejected {
        try (RuleEvaluator evaluator = compile(firing("T-A") + THROWING + firing("T-B")).newEvaluator(mode)) {
            List<Finding> first = judge(evaluator, complaint(E1, "P1", day(0)));
            List<String> firstIncidents = evaluator.drainIncidents();
            List<Finding> second = judge(evaluator, complaint(E1, "P2", day(1)));

            assertThat(ids(first)).containsExactly("T-A", "T-B");
            assertThat(firstIncidents).singleElement().asString()
                    .contains("rule T-BAD \"throws\" quarantined", "NumberFormatException", "rule set c-1");
            assertThat(ids(second)).containsExactly("T-A", "T-B");
            assertThat(evaluator.drainIncidents()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SessionMode.class, names = {"LONG_LIVED", "NEW_SESSION"})
    void shouldQuarantineRulesWhoseConditionThrowsWhileTheOthersStillJudge(SessionMode mode) throws RuleSetRejected {
        CompiledRuleSet ruleSet = RuleSetCompiler.compile(new RuleSet("c-1", Map.of("c.drl",
                HEADER + "import org.laborwatch.rules.fact.Signal\n" + firing("T-A") + THROWING_CONDITIONS
                        + firing("T-B"))));
        try (RuleEvaluator evaluator = ruleSet.newEvaluator(mode)) {
            List<Finding> first = judge(evaluator, complaint(E1, "P1", day(0)));
            List<String> firstIncidents = evaluator.drainIncidents();
            List<Finding> second = judge(evaluator, complaint(E1, "P2", day(1)));

            assertThat(ids(first)).containsExactly("T-A", "T-B");
            assertThat(firstIncidents).hasSize(3).allSatisfy(incident -> assertThat(incident)
                    .contains("quarantined: its condition threw", "NumberFormatException", "rule set c-1"));
            assertThat(String.join("\n", firstIncidents)).contains("rule T-BADC \"throws in its condition\"",
                    "rule T-BADS \"shares the throwing condition\"", "rule T-BADX");
            assertThat(ids(second)).containsExactly("T-A", "T-B");
            assertThat(evaluator.drainIncidents()).isEmpty();
        }
        try (RuleEvaluator untouched = ruleSet.newEvaluator(mode)) {
            // The quarantine is the evaluator's own: the shared KieBase still holds the rules, and they still throw.
            assertThat(ids(judge(untouched, complaint(E1, "P3", day(2))))).containsExactly("T-A", "T-B");
            assertThat(untouched.drainIncidents()).hasSize(3);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SessionMode.class, names = {"LONG_LIVED", "NEW_SESSION"})
    void shouldQuarantineARuleThatAsksForMoreMemoryThanThereIs(SessionMode mode) throws RuleSetRejected {
        String greedy = """
                rule "asks for two billion characters"
                    @id("T-OOM") @points(10) @agencies("HRSS")
                when
                    EnterpriseFeatures( signalType == SignalType.COMPLAINT )
                then
                    hits.add(drools.getRule(), "容量 " + new StringBuilder(Integer.MAX_VALUE).capacity());
                end
                """;
        try (RuleEvaluator evaluator = compile(firing("T-A") + greedy + firing("T-B")).newEvaluator(mode)) {
            List<Finding> first = judge(evaluator, complaint(E1, "P1", day(0)));
            List<String> firstIncidents = evaluator.drainIncidents();
            List<Finding> second = judge(evaluator, complaint(E1, "P2", day(1)));

            assertThat(ids(first)).containsExactly("T-A", "T-B");
            assertThat(firstIncidents).singleElement().asString()
                    .contains("rule T-OOM \"asks for two billion characters\" quarantined", "OutOfMemoryError");
            assertThat(ids(second)).containsExactly("T-A", "T-B");
        }
        String greedyCondition = greedy.replace("T-OOM", "T-OOMC").replace("signalType == SignalType.COMPLAINT",
                "signalType == SignalType.COMPLAINT, new StringBuilder(Integer.MAX_VALUE).capacity() > 0");
        try (RuleEvaluator evaluator = compile(firing("T-A") + greedyCondition).newEvaluator(mode)) {
            // In a condition: Drools wraps the error like any exception, and names the rule.
            assertThat(ids(judge(evaluator, complaint(E1, "P3", day(2))))).containsExactly("T-A");
            assertThat(evaluator.drainIncidents()).singleElement().asString()
                    .contains("rule T-OOMC", "quarantined: its condition threw", "OutOfMemoryError");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SessionMode.class, names = {"LONG_LIVED", "NEW_SESSION"})
    void shouldStopAnEvaluationAtTheFiringLimitAndReportItOnce(SessionMode mode) throws RuleSetRejected {
        CompiledRuleSet three = compile(firing("T-A") + firing("T-B") + firing("T-C"));
        try (RuleEvaluator evaluator = new DroolsRuleEvaluator(three, mode, 2, Duration.ofSeconds(10))) {
            List<Finding> first = judge(evaluator, complaint(E1, "P1", day(0)));
            List<String> firstIncidents = evaluator.drainIncidents();
            List<Finding> second = judge(evaluator, complaint(E1, "P2", day(1)));

            assertThat(first).isEmpty();
            assertThat(firstIncidents).singleElement().asString().contains("stopped at the firing limit");
            assertThat(second).isEmpty();
            assertThat(evaluator.drainIncidents()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SessionMode.class, names = {"LONG_LIVED", "NEW_SESSION"})
    void shouldDropWhatASingleSlowFiringFoundAndReportIt(SessionMode mode) throws RuleSetRejected {
        // One firing of some 100 ms (a 200,001-digit number written out), the only one: no later firing would see
        // the time was up, so the check after the last firing must.
        CompiledRuleSet slow = compile("""
                rule "writes out a huge number"
                    @id("T-SLOW") @points(10) @agencies("HRSS")
                when
                    EnterpriseFeatures( signalType == SignalType.COMPLAINT )
                then
                    hits.add(drools.getRule(), "位数 " + new java.math.BigDecimal("1e200000")
                            .add(java.math.BigDecimal.ONE).toString().length());
                end
                """);
        try (RuleEvaluator warm = slow.newEvaluator(mode)) {
            assertThat(ids(judge(warm, complaint(E1, "P0", day(0))))).as("within the default budget")
                    .containsExactly("T-SLOW");
        }
        try (RuleEvaluator evaluator = new DroolsRuleEvaluator(slow, mode, 1_000, Duration.ofMillis(10))) {
            assertThat(judge(evaluator, complaint(E1, "P1", day(1)))).isEmpty();
            assertThat(evaluator.drainIncidents()).singleElement().asString().contains("stopped at the time budget");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SessionMode.class, names = {"LONG_LIVED", "NEW_SESSION"})
    void shouldStopAnEvaluationPastItsTimeBudget(SessionMode mode) throws RuleSetRejected {
        CompiledRuleSet one = compile(firing("T-A"));
        // A budget already spent when the evaluation starts: the first firing is past it.
        try (RuleEvaluator evaluator = new DroolsRuleEvaluator(one, mode, 1_000, Duration.ofMillis(-1))) {
            assertThat(judge(evaluator, complaint(E1, "P1", day(0)))).isEmpty();
            assertThat(evaluator.drainIncidents()).singleElement().asString().contains("stopped at the time budget");
        }
        try (RuleEvaluator evaluator = one.newEvaluator(mode)) {
            assertThat(ids(judge(evaluator, complaint(E1, "P1", day(0))))).containsExactly("T-A");
        }
    }
}
