package org.laborwatch.rules.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.rule.Rule;
import org.laborwatch.rules.risk.RuleMeta;

/**
 * The collector rules write into, declared in DRL as {@code global Findings hits}. Consequences only record here;
 * scoring, evidence and routing happen in the engine, so a rule can never do I/O or change state behind its back.
 */
public final class Findings {
    private final Map<String, RuleMeta> metaByRule;
    private final List<Finding> found = new ArrayList<>();

    Findings(Map<String, RuleMeta> metaByRule) {
        this.metaByRule = metaByRule;
    }

    /** Called from a rule consequence: {@code hits.add(drools.getRule(), "欠薪 3 个月");}. */
    public void add(Rule rule, String reason) {
        RuleMeta meta = metaByRule.get(RuleMetadata.key(rule));
        if (meta == null) {
            throw new IllegalStateException("rule " + rule.getName() + " has no metadata; it was not compiled here");
        }
        found.add(new Finding(meta, reason));
    }

    List<Finding> drain() {
        List<Finding> out = found.isEmpty() ? List.of() : List.copyOf(found);
        found.clear();
        return out;
    }
}
