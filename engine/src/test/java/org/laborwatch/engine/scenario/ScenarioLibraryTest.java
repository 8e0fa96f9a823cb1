package org.laborwatch.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.scenario.Scenario.Expectation;
import org.laborwatch.engine.scenario.Scenario.Step;
import org.laborwatch.rules.risk.RuleMeta;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCompiler;
import org.laborwatch.rules.ruleset.RuleSets;

/**
 * The scenarios beside the rule library ({@code rules/library/scenarios/*.yaml}), each run through the job and named
 * in the report; and every library rule has one that makes it fire and one where it must not.
 */
class ScenarioLibraryTest {
    static final Path LIBRARY = Path.of("..", "rules", "library");
    static final Path SCENARIOS = LIBRARY.resolve("scenarios");

    private static RuleSet library;
    private static List<Scenario> scenarios;

    @BeforeAll
    static void read() throws Exception {
        library = RuleSets.fromDirectory(LIBRARY, null);
        scenarios = new ScenarioFiles(SignalCodec.defaults().zone()).readDirectory(SCENARIOS);
    }

    @TestFactory
    Stream<DynamicTest> everyLibraryScenarioHolds() throws Exception {
        List<ScenarioResult> results = ScenarioRunner.forRules(library).run(scenarios);
        return results.stream().map(r -> DynamicTest.dynamicTest(r.scenario().title(), () -> {
            if (!r.passed()) {
                fail(r.report());
            }
        }));
    }

    @Test
    void shouldGiveEveryLibraryRuleAFiringAndANonFiringScenario() throws Exception {
        Set<String> fires = new TreeSet<>();
        Set<String> stays = new TreeSet<>();
        for (Scenario scenario : scenarios) {
            collect(scenario.expect(), fires, stays);
            for (Step step : scenario.signals()) {
                collect(step.expect(), fires, stays);
            }
        }
        List<String> ids = RuleSetCompiler.compile(library).rules().stream().map(RuleMeta::id).sorted().toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(24);
        assertThat(fires).as("rules with a scenario that makes them fire").containsAll(ids);
        assertThat(stays).as("rules with a scenario where they must not fire").containsAll(ids);
    }

    private static void collect(Expectation expect, Set<String> fires, Set<String> stays) {
        if (expect == null) {
            return;
        }
        if (expect.fired() != null) {
            fires.addAll(expect.fired());
        }
        if (expect.notFired() != null) {
            stays.addAll(expect.notFired());
        }
    }

    @Test
    void shouldLeaveTheLibraryDirectoryLoadingDrlOnly() throws Exception {
        // The scenarios live in a subdirectory of the rule-set directory: loading it reads the DRL files only.
        assertThat(library.sources().keySet()).allMatch(name -> name.endsWith(".drl"));
    }
}
