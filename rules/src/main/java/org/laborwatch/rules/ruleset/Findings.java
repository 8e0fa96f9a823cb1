package org.laborwatch.rules.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.laborwatch.rules.risk.RuleMeta;

/**
 * The collector rules write into, declared in DRL as {@code global Findings hits}. Consequences only record here;
 * scoring, evidence, settling and routing happen in the engine, so a rule can never do I/O or change state behind its
 * back.
 */
public final class Findings {
    private final Map<String, RuleMeta> metaByRule;
    private final List<Finding> found = new ArrayList<>();

    Findings(Map<String, RuleMeta> metaByRule) {
        this.metaByRule = metaByRule;
    }

    /** Called from a rule consequence: {@code hits.add(drools.getRule(), "欠薪 3 个月");}. */
    public void add(Rule rule, String reason) {
        found.add(new Finding(metaOf(rule), reason, false));
    }

    /**
     * Called from a rule consequence when the signal settles the matter behind the enterprise's warnings, e.g. a case
     * mediated with wages recovered: {@code hits.settle(drools.getRule(), "已调解结案");}. The engine then drops every
     * hit dated at or before the signal, and a signal judged later but dated before it adds none. The rule's own
     * {@code @points} are not added.
     */
    public void settle(Rule rule, String reason) {
        found.add(new Finding(metaOf(rule), reason, true));
    }

    private RuleMeta metaOf(Rule rule) {
        RuleMeta meta = metaByRule.get(RuleMetadata.key(rule));
        if (meta == null) {
            throw new IllegalStateException("rule " + rule.getName() + " has no metadata; it was not compiled here");
        }
        return meta;
    }

    List<Finding> drain() {
        List<Finding> out = found.isEmpty() ? List.of() : List.copyOf(found);
        found.clear();
        return out;
    }
}
