package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.laborwatch.engine.scenario.ScenarioResult;
import org.laborwatch.engine.scenario.ScenarioRunner;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "test", description = {
    "run rule scenarios (YAML) through the engine against a directory of DRL files",
    "Scenarios come from DIR/scenarios unless --scenarios names another directory (their format: "
            + "docs/rule-authoring.md, \"Scenarios\"). Each is listed as passed or failed, a failure with what differs "
            + "and what the engine did signal by signal. Exit code 1 when a scenario fails. Points tables are set "
            + "aside: scenarios judge the rules at their own @points."})
final class TestRulesCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(index = "0", paramLabel = "DIR", description = "a directory of .drl files, e.g. rules/library")
    Path dir;

    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "the directory of scenario files (*.yaml); default DIR/scenarios")
    Path scenarios;

    TestRulesCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        RuleSet rules = RuleSets.fromDirectory(dir, null);
        Path from = scenarios != null ? scenarios : dir.resolve("scenarios");
        if (!Files.isDirectory(from)) {
            throw new IOException("no scenario directory " + from + (scenarios == null
                    ? " (write scenarios there, or name their directory with --scenarios)" : ""));
        }
        RuleSets.pointsTables(rules).forEach(table -> out.printf("%s set aside: scenarios judge the rules at their "
                + "own @points; 'rules backtest' shows what the table does%n", table));
        List<ScenarioResult> results = ScenarioRunner.forRules(RuleSets.withOwnPoints(rules)).runDirectory(from);
        long failed = results.stream().filter(r -> !r.passed()).count();
        for (ScenarioResult result : results) {
            out.print(result.report());
        }
        out.printf("rule set %s: %d scenarios, %d passed, %d failed%n", rules.version(), results.size(),
                results.size() - failed, failed);
        return failed == 0 ? 0 : 1;
    }
}
