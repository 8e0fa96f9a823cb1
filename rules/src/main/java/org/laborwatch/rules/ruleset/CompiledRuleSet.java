package org.laborwatch.rules.ruleset;

import java.util.Collection;
import java.util.Map;
import org.drools.base.base.ClassObjectType;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.KieBase;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.RuleMeta;

/**
 * A rule set ready to evaluate: its KieBase, built once per version, and each rule's metadata. Not serializable on
 * purpose: operators keep it in a transient field and rebuild it from the {@link RuleSet} after a restore. Keeps its
 * {@code source} so that an evaluator can build a KieBase of its own without a rule whose condition throws.
 */
public record CompiledRuleSet(String version, KieBase kieBase, Map<String, RuleMeta> metaByRule,
                              boolean matchesSignals, RuleSet source) {

    public CompiledRuleSet {
        metaByRule = Map.copyOf(metaByRule);
    }

    CompiledRuleSet(RuleSet source, KieBase kieBase, Map<String, RuleMeta> metaByRule) {
        this(source.version(), kieBase, metaByRule, hasPatternFor(kieBase, Signal.class), source);
    }

    /**
     * Whether some rule has a pattern a fact of {@code type} can match (a {@code Signal( ... )} pattern, or one on a
     * supertype). When no rule can, evaluators need not insert the signal as a fact of its own: an insert and a
     * delete per judged signal saved, a sixth of the time Drools takes for the library.
     */
    static boolean hasPatternFor(KieBase kieBase, Class<?> type) {
        for (ObjectTypeNode node : ((InternalRuleBase) kieBase).getRete().getObjectTypeNodes()) {
            if (node.getObjectType() instanceof ClassObjectType patternType && patternType.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
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
