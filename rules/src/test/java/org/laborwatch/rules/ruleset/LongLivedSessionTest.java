package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.day;
import static org.laborwatch.rules.Signals.wageArrears;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.feature.FeatureCalculator;
import org.laborwatch.rules.feature.SignalHistory;
import org.laborwatch.rules.feature.Trace;
import org.laborwatch.rules.risk.RiskLevel;

/** The long-lived session must not grow with the number of evaluations, and renewing it must not change findings. */
class LongLivedSessionTest {
    private static final CompiledRuleSet LIBRARY = compile();

    private static CompiledRuleSet compile() {
        try {
            return RuleSetCompiler.compile(RuleSets.bundled());
        } catch (RuleSetRejected e) {
            throw new IllegalStateException(e);
        }
    }

    private static EnterpriseFeatures severeArrears(Signal signal) {
        SignalHistory history = new SignalHistory();
        history.add(Trace.of(signal));
        return FeatureCalculator.compute(signal, history, 0, RiskLevel.NONE);
    }

    @Test
    void shouldKeepFindingTheSameAcrossSessionRenewals() {
        Signal signal = wageArrears(E1, 4, 30, 700_000, day(0));
        EnterpriseFeatures features = severeArrears(signal);
        try (RuleEvaluator evaluator = LIBRARY.newEvaluator(SessionMode.LONG_LIVED)) {
            List<Finding> first = evaluator.evaluate(features, signal);
            assertThat(first).isNotEmpty();
            for (int i = 0; i < 3 * DroolsRuleEvaluator.RENEW_SESSION_EVERY; i++) {
                assertThat(evaluator.evaluate(features, signal)).hasSameSizeAs(first);
            }
        }
    }

    @Test
    void shouldNotRetainWhatEarlierEvaluationsFired() {
        Signal signal = wageArrears(E1, 4, 30, 700_000, day(0));
        EnterpriseFeatures features = severeArrears(signal);
        try (RuleEvaluator evaluator = LIBRARY.newEvaluator(SessionMode.LONG_LIVED)) {
            for (int i = 0; i < 20_000; i++) {
                evaluator.evaluate(features, signal);
            }
            long before = usedAfterGc();
            for (int i = 0; i < 200_000; i++) { // Drools 10.1 alone kept ~4 fired matches each: ~300 MB
                evaluator.evaluate(features, signal);
            }
            assertThat(usedAfterGc() - before).isLessThan(32L << 20);
        }
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
