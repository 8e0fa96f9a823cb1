package org.laborwatch.engine.workbench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.elasticsearch.SignalArchive;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.rulesets.RuleJobs;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.engine.backtest.Backtest;
import org.laborwatch.engine.backtest.BacktestReport;
import org.laborwatch.engine.backtest.BacktestResult;
import org.laborwatch.engine.backtest.BacktestRun;
import org.laborwatch.engine.backtest.Comparison;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetRejected;

/**
 * BACKTEST: the archived signals of the days asked for, replayed with the uploaded rule set (and a version from the
 * history to compare with, and published campaigns in force beside each) as {@code rules backtest} replays a file.
 * The archive has no ground truth, so the report shows alerts and what changes, not precision.
 */
final class BacktestJob implements RuleJob {
    private final ElasticsearchEndpoint elasticsearch;
    private final String signalsIndex;
    private final Supplier<RuleSetHistory> history;
    private final RiskConfig risk;
    private final SignalCodec codec;
    private final int parallelism;

    BacktestJob(ElasticsearchEndpoint elasticsearch, String signalsIndex, Supplier<RuleSetHistory> history,
                RiskConfig risk, SignalCodec codec, int parallelism) {
        this.elasticsearch = elasticsearch;
        this.signalsIndex = signalsIndex;
        this.history = history;
        this.risk = risk;
        this.codec = codec;
        this.parallelism = parallelism;
    }

    @Override
    public RuleJobs.Result run(RuleJobs.Request request) throws Exception {
        if (request.from() == null || request.until() == null || request.until().isBefore(request.from())) {
            throw new IllegalArgumentException("a backtest needs the days to replay: from " + request.from()
                    + " until " + request.until());
        }
        RuleSet candidate = UploadedRules.of(request.files());
        List<String> problems = UploadedRules.problems(candidate);
        if (!problems.isEmpty()) {
            return UploadedRules.rejected(candidate, problems);
        }
        RuleSet baseline = request.against() == null ? null : fromHistory(request.against());
        List<RuleSet> campaigns = campaignsFromHistory(request.campaigns());
        try (Scratch work = Scratch.create("laborwatch-job-backtest")) {
            Path signals = archive(request.from(), request.until(), work.resolve("signals.jsonl"));
            BacktestRun run = backtest(signals, candidate, baseline, campaigns, work.resolve("out"));
            return new RuleJobs.Result(true, candidate.version(), summary(run, campaigns), null, null,
                    Files.readString(work.resolve("out").resolve(BacktestReport.MARKDOWN)),
                    Files.readString(work.resolve("out").resolve(BacktestReport.HTML)), null, null);
        }
    }

    private RuleSet fromHistory(String version) throws IOException {
        try (RuleSetHistory opened = history.get()) {
            return opened.version(version).orElseThrow(() -> new IllegalArgumentException("no rule set " + version
                    + " in the version history to compare with"));
        }
    }

    /** The published campaigns asked for; a version that is not one (no {@code campaign.yaml}) is an error. */
    private List<RuleSet> campaignsFromHistory(List<String> versions) throws IOException, RuleSetRejected {
        List<RuleSet> campaigns = new ArrayList<>();
        if (versions.isEmpty()) {
            return campaigns;
        }
        try (RuleSetHistory opened = history.get()) {
            for (String version : versions) {
                RuleSet campaign = opened.version(version).orElseThrow(() -> new IllegalArgumentException(
                        "no campaign " + version + " in the version history"));
                if (Campaign.of(campaign).isEmpty()) {
                    throw new IllegalArgumentException(version + " is not a seasonal campaign: it has no "
                            + Campaign.FILE);
                }
                campaigns.add(campaign);
            }
        }
        return campaigns;
    }

    /** The archive's signals of the days {@code from} to {@code until}, both whole days in the city's zone. */
    private Path archive(LocalDate from, LocalDate until, Path file) throws IOException {
        long read;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            read = SignalArchive.read(elasticsearch, signalsIndex, from.atStartOfDay(codec.zone()).toInstant(),
                    until.plusDays(1).atStartOfDay(codec.zone()).toInstant(), (enterprise, json) -> {
                        out.write(json);
                        out.write('\n');
                    });
        }
        if (read == 0) {
            throw new IllegalStateException("no archived signals from " + from + " to " + until + " (" + codec.zone()
                    + ") in " + signalsIndex);
        }
        return file;
    }

    /** As {@code rules backtest}: the candidate, then the baseline, each its own run, and one report of both. */
    private BacktestRun backtest(Path signals, RuleSet candidate, RuleSet baseline, List<RuleSet> campaigns,
                                 Path outDir) throws Exception {
        long started = System.nanoTime();
        Backtest backtest = new Backtest(new Backtest.Options(List.of(signals), null, codec, risk, parallelism,
                campaigns));
        BacktestResult first = backtest.run(candidate, outDir.resolve("rules"), EmbeddedRun.Progress.NONE);
        BacktestResult second = baseline == null ? null
                : backtest.run(baseline, outDir.resolve("against"), EmbeddedRun.Progress.NONE);
        Comparison comparison = second == null ? null : Comparison.of(second, first, null);
        BacktestRun run = new BacktestRun(List.of(signals), null, first, second, comparison,
                Duration.ofNanos(System.nanoTime() - started));
        BacktestReport.write(outDir, run);
        return run;
    }

    private static String summary(BacktestRun run, List<RuleSet> campaigns) throws RuleSetRejected {
        List<String> lines = new ArrayList<>();
        for (BacktestResult r : run.results()) {
            lines.add(String.format("%s: %,d alerts, %,d enterprises at ORANGE+", r.ruleSetVersion(),
                    r.alerts().size(), r.flagged(RiskLevel.ORANGE)));
        }
        for (RuleSet campaign : campaigns) {
            long raised = run.candidate().alerts().stream()
                    .filter(a -> a.ruleSetVersion().equals(campaign.version())).count();
            lines.add(String.format("with campaign %s (%s): %,d of %s's alerts raised by it", campaign.version(),
                    Campaign.of(campaign).orElseThrow().schedule(), raised, run.candidate().ruleSetVersion()));
        }
        if (run.compared()) {
            Comparison c = run.comparison();
            lines.add(String.format("against %s: %d newly flagged at ORANGE+, %d no longer; %d level changes",
                    run.baseline().ruleSetVersion(), c.newlyFlagged(RiskLevel.ORANGE).size(),
                    c.noLongerFlagged(RiskLevel.ORANGE).size(), c.changes().size()));
        }
        return String.join("\n", lines);
    }
}
