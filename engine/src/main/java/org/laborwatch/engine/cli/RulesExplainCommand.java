package org.laborwatch.engine.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.embedded.RunOutputs;
import org.laborwatch.engine.explain.CourseText;
import org.laborwatch.engine.explain.EnterpriseCourse;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "explain", description = {
    "one enterprise's timeline: every signal, the rules that fired and why, the features, the score at each step",
    "The engine judges the enterprise's signals from --signals with the rule set (the bundled library unless --rules "
            + "names one) and reports after every signal: what fired with its points and reason, the hits still "
            + "counting and how far they have faded, the features that changed, the score and level, and the alerts "
            + "raised."})
final class RulesExplainCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = "--signals", required = true, paramLabel = "FILE|DIR", description = "a JSON Lines file, or a "
            + "directory of .jsonl files")
    Path signals;

    @Option(names = "--enterprise", required = true, paramLabel = "CODE", description = "the enterprise's unified "
            + "social credit code (an alert's enterpriseId)")
    String enterprise;

    @Option(names = "--rules", paramLabel = "DIR", description = "a directory of DRL files and tables (default: the "
            + "bundled library, rules/library)")
    Path rules;

    @Option(names = "--campaign", paramLabel = "DIR", description = "a seasonal campaign (a rule set with a "
            + "campaign.yaml) beside --rules: it judges the signals dated within its days; repeatable")
    List<Path> campaigns = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    RulesExplainCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        RuleSet ruleSet = rules == null ? RuleSets.bundled() : RuleSets.fromDirectory(rules, null);
        EngineConfig settings = config.load();
        Path work = Files.createTempDirectory("laborwatch-explain-");
        try {
            EnterpriseCourse course = EnterpriseCourse.of(EmbeddedRun.signalFiles(signals), enterprise.strip(),
                    ruleSet, RunCommand.campaigns(spec, campaigns), settings.risk(), work);
            out.print(new CourseText(SignalCodec.defaults().zone(), settings.risk().halfLife()).render(course));
            return 0;
        } finally {
            RunOutputs.deleteRecursively(work);
        }
    }
}
