package org.laborwatch.engine.ruleset;

import java.io.Serializable;
import org.laborwatch.rules.ruleset.CompiledRuleSet;
import org.laborwatch.rules.ruleset.RuleEvaluator;
import org.laborwatch.rules.ruleset.SessionMode;

/** Makes the per-subtask evaluator for a compiled rule set; Drools by default, swappable for benchmarks. */
@FunctionalInterface
public interface EvaluatorFactory extends Serializable {

    RuleEvaluator create(CompiledRuleSet ruleSet);

    static EvaluatorFactory drools(SessionMode mode) {
        return ruleSet -> ruleSet.newEvaluator(mode);
    }
}
