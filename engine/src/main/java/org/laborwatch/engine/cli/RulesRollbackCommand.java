package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = {
    "publish an earlier rule-set version again, from the version history",
    "The version's files come from the history in Elasticsearch ('rules versions' lists them); they are compiled "
            + "again here (the validator may have grown stricter since), published to lw.rules under --name, recorded "
            + "as a rollback, and the running job's word on them is shown."})
final class RulesRollbackCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(index = "0", paramLabel = "VERSION", description = "the version to go back to")
    String version;

    @Option(names = "--name", paramLabel = "N", description = "the rule set's name in lw.rules (default: "
            + RuleSetPublisher.BASE_NAME + "; a campaign's is the name in its campaign.yaml)")
    String name;

    @Option(names = "--note", paramLabel = "TEXT", description = "why, kept in the version history")
    String note;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "how long to wait for the running job's word "
            + "(default: ${DEFAULT-VALUE}; 0: do not wait)")
    int waitSeconds = 30;

    RulesRollbackCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        StackAddress stack = StackAddress.fromEnvironment();
        RuleSet rules = RuleSetRelease.read(stack, history -> history.version(version)).orElseThrow(
                () -> new IOException("no version " + version + " in the version history ('./laborwatch rules "
                        + "versions' lists them)"));
        RuleSetCache.compile(rules);
        // A campaign goes back under its own name, as it was published: under the base's it would displace the base.
        String key = RuleSetPublisher.nameFor(rules, name);
        return RuleSetRelease.send(out, rules, key, RuleSetHistory.Action.ROLLBACK, note,
                Duration.ofSeconds(Math.max(0, waitSeconds)));
    }
}
