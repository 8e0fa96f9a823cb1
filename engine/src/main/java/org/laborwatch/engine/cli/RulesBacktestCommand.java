package org.laborwatch.engine.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.backtest.Backtest;
import org.laborwatch.engine.backtest.BacktestReport;
import org.laborwatch.engine.backtest.BacktestResult;
import org.laborwatch.engine.backtest.BacktestRun;
import org.laborwatch.engine.backtest.Comparison;
import org.laborwatch.engine.backtest.ProgressDisplay;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.laborwatch.rules.ruleset.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "backtest", description = {
    "replay history through the engine with a rule set, and report what it would have raised",
    "The signals run through the same embedded job as 'run', once per rule set. DIR/report.md and DIR/report.html "
            + "(charts, opens offline) give alerts per level and per agency per week; with a ground truth precision, "
            + "recall and lead time of the first ORANGE+ warning; with --against what the --rules set changes against "
            + "that one: enterprises newly or no longer flagged, level changes, each agency's workload, and how much "
            + "earlier or later each troubled enterprise was warned (all of them in changes.csv and leads.csv). Each "
            + "run's outputs stay in DIR/rules and DIR/against (docs/rule-authoring.md, \"Backtests\")."})
final class RulesBacktestCommand implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", required = true, paramLabel = "DIR",
            description = "the rule set to backtest: a directory of DRL files and decision tables")
    Path rules;

    @Option(names = "--signals", required = true, paramLabel = "FILE|DIR",
            description = "history: a JSON Lines file, or a directory of .jsonl files")
    Path signals;

    @Option(names = "--truth", paramLabel = "FILE", description = "ground truth (the generator's truth.csv) to "
            + "score the warnings against (default: truth.csv beside the signals, if there is one)")
    Path truth;

    @Option(names = "--against", paramLabel = "DIR",
            description = "a second rule set (e.g. the one in use) to compare --rules with")
    Path against;

    @Option(names = "--campaign", paramLabel = "DIR", description = "a seasonal campaign (a rule set with a "
            + "campaign.yaml) in force beside each rule set backtested: it judges the signals dated within its days, "
            + "as in the running job; repeatable")
    List<Path> campaigns = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the report goes")
    Path outDir;

    @Option(names = "--parallelism", paramLabel = "N", description = "parallel subtasks (default: ${DEFAULT-VALUE})")
    int parallelism = 2;

    @Mixin
    ConfigOption config;

    RulesBacktestCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        int subtasks = Usage.atLeast(spec, "--parallelism", parallelism, 1);
        RuleSet candidate = RuleSets.fromDirectory(rules, null);
        RuleSet baseline = against == null ? null : RuleSets.fromDirectory(against, null);
        List<RuleSet> campaignSets = RunCommand.campaigns(spec, campaigns);
        // The baseline compiles while the first run goes, so a broken one is reported before a second run is spent.
        CompletableFuture<Void> baselineCompiled = baseline == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> compileQuietly(baseline));
        Path truthFile = truth != null ? truth : RunCommand.truthBeside(signals);
        GroundTruth groundTruth = truthFile == null ? null : GroundTruth.read(truthFile);
        List<Path> files = EmbeddedRun.signalFiles(signals);
        Backtest backtest = new Backtest(new Backtest.Options(files, groundTruth, SignalCodec.defaults(),
                config.load().risk(), subtasks, campaignSets));
        out.printf("backtesting %s%s on %,d lines of signals (%d file(s))%s%n", candidate.version(),
                baseline == null ? "" : " against " + baseline.version(), backtest.lines(), files.size(),
                truthFile == null ? ", no ground truth" : ", ground truth " + truthFile);
        for (RuleSet campaign : campaignSets) {
            out.printf("  with campaign %s: %s, beside each rule set%n", campaign.version(),
                    Campaign.of(campaign).orElseThrow().schedule());
        }

        BacktestResult first = run(backtest, candidate, outDir.resolve("rules"));
        BacktestResult second = null;
        if (baseline != null) {
            baselineCompiled.join();
            second = run(backtest, baseline, outDir.resolve("against"));
        }
        Comparison comparison = second == null ? null : Comparison.of(second, first, groundTruth);
        BacktestRun run = new BacktestRun(files, truthFile, first, second, comparison,
                Duration.ofNanos(System.nanoTime() - started));
        BacktestReport.write(outDir, run);
        summary(run);
        return Main.SUCCESS;
    }

    private BacktestResult run(Backtest backtest, RuleSet rules, Path runDir) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try (ProgressDisplay progress = ProgressDisplay.open(rules.version(), backtest.lines(), err)) {
            BacktestResult result = backtest.run(rules, runDir, progress);
            progress.done();
            return result;
        }
    }

    /** Only its problems matter now; the run that needs it waits for the same compilation and reports them. */
    private static void compileQuietly(RuleSet rules) {
        try {
            RuleSetCache.compile(rules);
        } catch (RuleSetRejected e) {
            // reported by the run of this rule set
        }
    }

    private void summary(BacktestRun run) {
        out.println();
        for (BacktestResult r : run.results()) {
            out.printf("%s: %,d alerts, %,d enterprises at ORANGE+, %.1f s%s%n", r.ruleSetVersion(),
                    r.alerts().size(), r.flagged(RiskLevel.ORANGE), r.elapsed().toMillis() / 1000.0,
                    r.quality() == null ? "" : String.format(", precision %.1f%%, recall %.1f%%, early recall "
                            + "%.1f%%, median lead %s", r.quality().precision() * 100,
                            r.quality().recall() * 100, r.quality().earlyRecall() * 100,
                            r.quality().medianLeadDays() == null ? "n/a (nothing flagged ahead)"
                                    : r.quality().medianLeadDays() + " days"));
        }
        if (run.compared()) {
            Comparison c = run.comparison();
            out.printf("%s against %s: %d newly flagged at ORANGE+, %d no longer; %d level changes%s%n",
                    run.candidate().ruleSetVersion(), run.baseline().ruleSetVersion(),
                    c.newlyFlagged(RiskLevel.ORANGE).size(), c.noLongerFlagged(RiskLevel.ORANGE).size(),
                    c.changes().size(), run.candidate().quality() == null ? "" : String.format(
                            "; troubled enterprises warned earlier %d, later %d", c.warnedEarlier(),
                            c.warnedLater()));
        }
        out.printf("backtest took %.1f s%n", run.wallClock().toMillis() / 1000.0);
        out.println("report:");
        out.println("  " + outDir.resolve(BacktestReport.MARKDOWN));
        out.println("  " + outDir.resolve(BacktestReport.HTML));
    }
}
