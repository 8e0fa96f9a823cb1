package org.laborwatch.engine.ruleset;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.laborwatch.rules.ruleset.CompiledRuleSet;
import org.laborwatch.rules.ruleset.RuleEvaluator;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subtask's rule sets in use, each with its own evaluator (session): the base rule set and the seasonal campaigns
 * ({@link RuleSchedule}), one per version. The compiled rule set comes from {@link RuleSetCache}, shared by the
 * subtasks of the JVM. Compiles before it swaps, so a version that fails leaves the running ones in place (the reload
 * discipline of Alertmanager's reloader).
 */
public final class ActiveRules implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveRules.class);

    private final EvaluatorFactory factory;
    private final Map<String, RuleEvaluator> byVersion = new HashMap<>();
    private String baseVersion;

    public ActiveRules(EvaluatorFactory factory) {
        this.factory = factory;
    }

    /** The evaluator for {@code ruleSet}, compiling it only when this subtask has none for its version. */
    public RuleEvaluator evaluatorFor(RuleSet ruleSet) throws RuleSetRejected {
        RuleEvaluator evaluator = byVersion.get(ruleSet.version());
        return evaluator != null ? evaluator : load(RuleSetCache.compile(ruleSet));
    }

    /** Compiles without touching what runs; the caller decides whether to swap. */
    public CompiledRuleSet prepare(RuleSet ruleSet) throws RuleSetRejected {
        return RuleSetCache.compile(ruleSet);
    }

    /** Makes {@code next} the base rule set; the old base's evaluator goes once nothing uses it ({@link #retain}). */
    public void swapTo(CompiledRuleSet next) {
        load(next);
        baseVersion = next.version();
    }

    /** Keeps an evaluator ready for a campaign, so its first signal does not wait for it. */
    public void add(CompiledRuleSet campaign) {
        load(campaign);
    }

    /** Closes the evaluators of every version but these: a replaced base, a campaign published anew. */
    public void retain(Set<String> versions) {
        Iterator<Map.Entry<String, RuleEvaluator>> all = byVersion.entrySet().iterator();
        while (all.hasNext()) {
            Map.Entry<String, RuleEvaluator> entry = all.next();
            if (!versions.contains(entry.getKey())) {
                entry.getValue().close();
                all.remove();
            }
        }
    }

    private RuleEvaluator load(CompiledRuleSet compiled) {
        RuleEvaluator evaluator = byVersion.get(compiled.version());
        if (evaluator == null) {
            evaluator = factory.create(compiled);
            byVersion.put(compiled.version(), evaluator);
            LOG.info("Rule set {} ready: {} rules", compiled.version(), compiled.rules().size());
        }
        return evaluator;
    }

    /** The base rule set's version, or null before one is active. */
    public String version() {
        return baseVersion;
    }

    @Override
    public void close() {
        byVersion.values().forEach(RuleEvaluator::close);
        byVersion.clear();
    }
}
