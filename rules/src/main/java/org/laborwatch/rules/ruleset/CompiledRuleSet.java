package org.laborwatch.rules.ruleset;

import java.util.Collection;
import java.util.Map;
import org.kie.api.KieBase;
import org.laborwatch.rules.risk.RuleMeta;

/**
 * A rule set ready to evaluate: its KieBase, built once per version, and each rule's metadata. Not serializable on
 * purpose: operators keep it in a transient field and rebuild it from the {@link RuleSet} after a restore.
 */
public record CompiledRuleSet(String version, KieBase kieBase, Map<String, RuleMeta> metaByRule) {

    public CompiledRuleSet {
        metaByRule = Map.copyOf(metaByRule);
    }

    public Collection<RuleMeta> rules() {
        return metaByRule.values();
    }

    /** A rule's metadata by its {@code @id}, for evaluators written outside DRL (benchmarks, tests). */
    public RuleMeta ruleById(String id) {
        return metaByRule.values().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule with @id " + id + " in " + version));
    }

    /** An evaluator for one thread; see {@link SessionMode} for the trade-offs. */
    public RuleEvaluator newEvaluator(SessionMode mode) {
        return new DroolsRuleEvaluator(this, mode);
    }
}
