package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleSetCacheTest {
    private static final String HEADER = """
            package laborwatch.test
            import org.laborwatch.rules.feature.EnterpriseFeatures
            import org.laborwatch.rules.ruleset.Findings
            global Findings hits
            """;

    private static RuleSet ruleSet(String version, int threshold) {
        return new RuleSet(version, Map.of("t.drl", HEADER + """
                rule "r"
                    @id("T-1") @points(10) @agencies("HRSS")
                when
                    EnterpriseFeatures( complaints30d >= %d )
                then
                    hits.add(drools.getRule(), "投诉");
                end
                """.formatted(threshold)));
    }

    @BeforeEach
    void forgetEarlierCompiles() {
        RuleSetCache.clear();
    }

    @Test
    void shouldCompileARuleSetOnceAndShareIt() throws RuleSetRejected {
        CompiledRuleSet first = RuleSetCache.compile(ruleSet("v1", 1));

        assertThat(RuleSetCache.compile(ruleSet("v1", 1))).isSameAs(first);
    }

    @Test
    void shouldNotShareBetweenRuleSetsThatClaimTheSameVersion() throws RuleSetRejected {
        CompiledRuleSet one = RuleSetCache.compile(ruleSet("v1", 1));
        CompiledRuleSet other = RuleSetCache.compile(ruleSet("v1", 2));

        assertThat(other).isNotSameAs(one);
        assertThat(other.kieBase()).isNotSameAs(one.kieBase());
    }

    @Test
    void shouldCompileOnceWhenSubtasksAskAtTheSameTime() throws Exception {
        ExecutorService subtasks = Executors.newFixedThreadPool(4);
        try {
            List<Callable<CompiledRuleSet>> asks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                asks.add(() -> RuleSetCache.compile(ruleSet("v1", 1)));
            }
            List<CompiledRuleSet> answers = new ArrayList<>();
            for (Future<CompiledRuleSet> answer : subtasks.invokeAll(asks)) {
                answers.add(answer.get());
            }
            assertThat(answers).allSatisfy(a -> assertThat(a).isSameAs(answers.get(0)));
        } finally {
            subtasks.shutdownNow();
        }
    }

    @Test
    void shouldRejectABrokenRuleSetEveryTimeItIsAsked() {
        RuleSet broken = new RuleSet("bad", Map.of("b.drl", HEADER + "rule \"b\" when EnterpriseFeatures( x >= ) then end"));

        assertThatThrownBy(() -> RuleSetCache.compile(broken)).isInstanceOf(RuleSetRejected.class);
        assertThatThrownBy(() -> RuleSetCache.compile(broken)).isInstanceOf(RuleSetRejected.class)
                .hasMessageContaining("b.drl");
    }

    @Test
    void shouldReleaseTheLeastRecentlyUsedRuleSetsBeyondTheFewItKeeps() throws RuleSetRejected {
        CompiledRuleSet oldest = RuleSetCache.compile(ruleSet("v0", 0));
        for (int i = 1; i <= RuleSetCache.KEEP; i++) {
            RuleSetCache.compile(ruleSet("v" + i, i));
        }

        assertThat(RuleSetCache.compile(ruleSet("v0", 0))).isNotSameAs(oldest);
        assertThat(RuleSetCache.compile(ruleSet("v" + RuleSetCache.KEEP, RuleSetCache.KEEP)))
                .isSameAs(RuleSetCache.compile(ruleSet("v" + RuleSetCache.KEEP, RuleSetCache.KEEP)));
    }
}
