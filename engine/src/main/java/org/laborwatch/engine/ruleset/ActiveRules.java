package org.laborwatch.engine.ruleset;

import org.laborwatch.rules.ruleset.CompiledRuleSet;
import org.laborwatch.rules.ruleset.RuleEvaluator;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subtask's active rule set and its own evaluator (session). The compiled rule set comes from {@link RuleSetCache},
 * shared by the subtasks of the JVM. Compiles before it swaps, so a version that fails leaves the running one in place
 * (the reload discipline of Alertmanager's reloader).
 */
public final class ActiveRules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveRules.class);

    private final EvaluatorFactory factory;
    private CompiledRuleSet compiled;
    private RuleEvaluator evaluator;

    public ActiveRules(EvaluatorFactory factory) {
        this.factory = factory;
    }

    /** The evaluator for {@code ruleSet}, compiling it only when the version changes. */
    public RuleEvaluator evaluatorFor(RuleSet ruleSet) throws RuleSetRejected {
        if (compiled == null || !compiled.version().equals(ruleSet.version())) {
            swapTo(RuleSetCache.compile(ruleSet));
        }
        return evaluator;
    }

    /** Compiles without touching what runs; the caller decides whether to swap. */
    public CompiledRuleSet prepare(RuleSet ruleSet) throws RuleSetRejected {
        return RuleSetCache.compile(ruleSet);
    }

    public void swapTo(CompiledRuleSet next) {
        RuleEvaluator nextEvaluator = factory.create(next);
        RuleEvaluator old = evaluator;
        compiled = next;
        evaluator = nextEvaluator;
        if (old != null) {
            old.close();
        }
        LOG.info("Rule set {} active: {} rules", next.version(), next.rules().size());
    }

    public String version() {
        return compiled == null ? null : compiled.version();
    }

    @Override
    public void close() {
        if (evaluator != null) {
            evaluator.close();
        }
    }
}
