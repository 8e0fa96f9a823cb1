package org.laborwatch.engine.ruleset;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Broadcast state holding the active rule set's source text under {@link #ACTIVE}. The text, not a KieBase: every
 * subtask compiles it itself, and after a restore rebuilds its KieBase from here.
 */
public final class RuleSetState {
    public static final String ACTIVE = "active";
    public static final TypeInformation<RuleSet> RULE_SET = TypeInformation.of(RuleSet.class);
    public static final MapStateDescriptor<String, RuleSet> DESCRIPTOR =
            new MapStateDescriptor<>("rule-sets", Types.STRING, RULE_SET);

    private RuleSetState() {
    }
}
