package org.laborwatch.engine.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.ruleset.Finding;
import org.laborwatch.rules.ruleset.RuleEvaluator;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;

/** One evaluator per version in use (the base set and the campaigns), each made once and closed once unused. */
class ActiveRulesTest {
    private final List<String> created = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();
    private final ActiveRules rules = new ActiveRules(compiled -> {
        created.add(compiled.version());
        return new RuleEvaluator() {
            @Override
            public String version() {
                return compiled.version();
            }

            @Override
            public List<Finding> evaluate(EnterpriseFeatures features, Signal signal) {
                return List.of();
            }

            @Override
            public void close() {
                closed.add(compiled.version());
            }
        };
    });

    private static final String RULE = """
            package laborwatch.test
            import org.laborwatch.rules.feature.EnterpriseFeatures
            import org.laborwatch.rules.fact.SignalType
            import org.laborwatch.rules.ruleset.Findings
            global Findings hits
            rule "any consultation"
                @id("T-1") @points(10) @agencies("UNION")
            when
                EnterpriseFeatures( signalType == SignalType.CONSULTATION )
            then
                hits.add(drools.getRule(), "咨询");
            end
            """;

    private static RuleSet rules(String version) {
        return new RuleSet(version, Map.of("c.drl", RULE));
    }

    @Test
    void shouldKeepOneEvaluatorPerVersionAndCloseTheOnesNoLongerInUse() throws Exception {
        RuleSet base1 = rules("base-1");
        RuleSet winter = rules("winter-1");
        rules.swapTo(RuleSetCache.compile(base1));
        rules.add(RuleSetCache.compile(winter));
        RuleEvaluator forWinter = rules.evaluatorFor(winter);

        rules.swapTo(RuleSetCache.compile(rules("base-2")));
        rules.retain(Set.of("base-2", "winter-1"));

        assertThat(rules.evaluatorFor(winter)).isSameAs(forWinter);
        assertThat(rules.version()).isEqualTo("base-2");
        assertThat(created).containsExactly("base-1", "winter-1", "base-2");
        assertThat(closed).containsExactly("base-1");

        rules.close();
        assertThat(closed).containsExactlyInAnyOrder("base-1", "winter-1", "base-2");
    }

    @Test
    void shouldCompileARuleSetFirstAskedForAfterARestore() throws Exception {
        RuleEvaluator evaluator = rules.evaluatorFor(rules("restored-1"));

        assertThat(evaluator.version()).isEqualTo("restored-1");
        assertThat(rules.evaluatorFor(rules("restored-1"))).isSameAs(evaluator);
        assertThat(created).containsExactly("restored-1");
    }
}
