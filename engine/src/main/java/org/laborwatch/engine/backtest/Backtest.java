package org.laborwatch.engine.backtest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.engine.ingest.SignalIntake;
import org.laborwatch.engine.report.Quality;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * Replays history through the engine: each rule set runs the same embedded job as {@code ./laborwatch run}
 * ({@link EmbeddedRun}), never a re-implementation of it, so a backtest shows what the running job would have raised.
 * Several rule sets run one after the other in the same JVM; the later ones find Flink's and Drools' classes loaded.
 */
public final class Backtest {
    /**
     * @param truth     null without a ground truth
     * @param campaigns seasonal campaigns in force beside every rule set backtested, each judging the signals dated
     *                  within its days, as in the running job
     */
    public record Options(List<Path> signalFiles, GroundTruth truth, SignalCodec codec, RiskConfig risk,
                          int parallelism, List<RuleSet> campaigns) {

        public Options {
            campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
        }

        /** Without campaigns. */
        public Options(List<Path> signalFiles, GroundTruth truth, SignalCodec codec, RiskConfig risk,
                       int parallelism) {
            this(signalFiles, truth, codec, risk, parallelism, List.of());
        }
    }

    private final Options options;
    private final long lines;

    public Backtest(Options options) throws IOException {
        this.options = options;
        this.lines = countLines(options.signalFiles());
    }

    /** Input lines, blank ones included: the total a progress display counts towards. */
    public long lines() {
        return lines;
    }

    /** Runs {@code rules} over the signals, leaving the run's outputs (alerts.jsonl, ...) in {@code runDir}. */
    public BacktestResult run(RuleSet rules, Path runDir, EmbeddedRun.Progress progress) throws Exception {
        EmbeddedRun.Outcome outcome = EmbeddedRun.run(new EmbeddedRun.Options(options.signalFiles(), runDir, rules,
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), options.risk(), options.codec(),
                options.parallelism(), options.campaigns()), progress);
        var alerts = outcome.outputs().alerts();
        var inputs = new BacktestResult.Inputs(lines, outcome.counter(SignalIntake.ACC_READ),
                outcome.counter(EnterpriseRiskFunction.ACC_JUDGED),
                outcome.counter(EnterpriseRiskFunction.ACC_DUPLICATES), outcome.outputs().deadLetters().size());
        Quality quality = options.truth() == null ? null : Quality.of(alerts, options.truth(), options.codec().zone());
        return BacktestResult.of(rules.version(), inputs, outcome.elapsed(), alerts, quality, options.codec().zone());
    }

    /** Newlines straight from the bytes: a year of signals is a few hundred MB, not worth decoding to count. */
    static long countLines(List<Path> files) throws IOException {
        long lines = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        for (Path file : files) {
            byte last = '\n';
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                while (channel.read(buffer.clear()) > 0) {
                    buffer.flip();
                    int n = buffer.limit();
                    for (int i = 0; i < n; i++) {
                        if (buffer.get(i) == '\n') {
                            lines++;
                        }
                    }
                    last = buffer.get(n - 1);
                }
            }
            if (last != '\n') {
                lines++; // a last line without its newline
            }
        }
        return lines;
    }
}
