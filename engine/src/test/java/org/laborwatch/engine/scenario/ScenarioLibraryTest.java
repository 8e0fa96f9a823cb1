package org.laborwatch.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    void shouldCatchALibraryRuleThatNoLongerDoesWhatItsScenariosSay() throws Exception {
        // WAGE-001 from three months to four, as an author might edit it by mistake.
        Map<String, String> sources = new TreeMap<>(library.sources());
        String arrears = sources.get("arrears.drl");
        assertThat(arrears).contains("wageArrearsMonthsMax >= 3 )");
        sources.put("arrears.drl", arrears.replace("wageArrearsMonthsMax >= 3 )", "wageArrearsMonthsMax >= 4 )"));

        List<ScenarioResult> failed = ScenarioRunner.forRules(new RuleSet("edited", sources)).run(scenarios).stream()
                .filter(r -> !r.passed()).toList();

        assertThat(failed).extracting(r -> r.scenario().name()).containsExactly("欠薪三个月,触发 WAGE-001",
                "调解结案并挽回工资,触发 OUT-002,此前的黄色预警依据不再计分", "撤回的案件不算结案,不触发 OUT-002,预警依据照常衰减");
        assertThat(failed.get(0).report()).contains("rules that should have fired at the end but did not: WAGE-001");
    }

    @Test
    void shouldLeaveTheLibraryDirectoryLoadingRuleFilesOnly() throws Exception {
        // The scenarios live in a subdirectory of the rule-set directory: loading it reads the rule files only (DRL
        // and decision tables), never a scenario.
        assertThat(library.sources().keySet()).isNotEmpty()
                .allMatch(name -> name.endsWith(".drl") || name.endsWith(".csv") || name.endsWith(".xlsx"))
                .noneMatch(name -> name.endsWith(".yaml"));
    }
}
