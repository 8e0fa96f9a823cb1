package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.engine.scenario.ScenarioResult;
import org.laborwatch.engine.scenario.ScenarioRunner;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", description = {
    "check a rule-set directory, run its scenarios, and publish it to the running jobs",
    "Nothing is published unless the rule set compiles and every scenario passes (DIR/scenarios, or --scenarios). "
            + "Published to lw.rules (LW_KAFKA_BOOTSTRAP) and recorded in the version history in Elasticsearch "
            + "(LW_ES_URL) with its author (LW_AUTHOR, else the account); then it waits for the running job's word: "
            + "activated, or rejected with the reason (exit code 1)."})
final class PublishRulesCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(index = "0", paramLabel = "DIR", description = "a directory of .drl files and tables (.csv, .xlsx)")
    Path dir;

    @Option(names = "--version", paramLabel = "V", description = "the version to publish it as (default: "
            + "<dir name>-<hash of the files>, so the same files are one version)")
    String version;

    @Option(names = "--name", paramLabel = "N", description = "the rule set's name, its key in lw.rules "
            + "(default: " + RuleSetPublisher.BASE_NAME + "; a campaign's is the name in its campaign.yaml)")
    String name;

    @Option(names = "--scenarios", paramLabel = "DIR", description = "the scenarios that must pass (default: "
            + "DIR/scenarios)")
    Path scenarios;

    @Option(names = "--no-scenarios", description = "publish a rule set that has no scenarios, checked by the "
            + "validator alone")
    boolean noScenarios;

    @Option(names = "--note", paramLabel = "TEXT", description = "what changed and why, kept in the version history")
    String note;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "how long to wait for the running job's word "
            + "(default: ${DEFAULT-VALUE}; 0: do not wait)")
    int waitSeconds = 30;

    @Option(names = "--unchecked", description = "publish without compiling it or running scenarios here, to let the "
            + "job judge it")
    boolean unchecked;

    PublishRulesCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        RuleSet rules = RuleSets.fromDirectory(dir, version);
        if (!unchecked) {
            RuleSetCache.compile(rules); // a rule set that cannot compile is refused here, nothing published
            if (!scenariosPass(rules)) {
                out.printf("not published: a scenario failed%n");
                return Main.FAILURE;
            }
        }
        Optional<Campaign> campaign = Campaign.of(rules);
        campaign.ifPresent(c -> out.printf("a seasonal campaign: %s; signals dated from %s to %s (both included, %s) "
                + "are judged by it, all others by the base rule set%n", c.name(), c.from(), c.until(),
                SignalCodec.defaults().zone()));
        return RuleSetRelease.send(out, rules, RuleSetPublisher.nameFor(rules, name), RuleSetHistory.Action.PUBLISH,
                note, Duration.ofSeconds(Math.max(0, waitSeconds)));
    }

    private boolean scenariosPass(RuleSet rules) throws Exception {
        Path from = scenarios != null ? scenarios : dir.resolve("scenarios");
        if (!Files.isDirectory(from)) {
            if (noScenarios) {
                out.printf("no scenarios: checked by the validator alone (--no-scenarios)%n");
                return true;
            }
            throw new IOException("no scenario directory " + from + ": a rule set is published once its scenarios "
                    + "pass (write them there, name them with --scenarios, or publish without with --no-scenarios)");
        }
        RuleSets.pointsTables(rules).forEach(table -> out.printf("%s set aside for the scenarios: they judge the "
                + "rules at their own @points%n", table));
        List<ScenarioResult> results = ScenarioRunner.forRules(RuleSets.withOwnPoints(rules)).runDirectory(from);
        long failed = results.stream().filter(r -> !r.passed()).count();
        results.stream().filter(r -> !r.passed()).forEach(r -> out.print(r.report()));
        out.printf("scenarios: %d, %d passed, %d failed%n", results.size(), results.size() - failed, failed);
        return failed == 0;
    }
}
