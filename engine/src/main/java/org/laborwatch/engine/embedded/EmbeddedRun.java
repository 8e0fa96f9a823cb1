package org.laborwatch.engine.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.laborwatch.connectors.file.JsonLinesFormat;
import org.laborwatch.connectors.file.JsonLinesSink;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.LaborwatchJob;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Runs the job in one JVM on a Flink MiniCluster: JSON Lines files in, JSON Lines files out. The same
 * {@link LaborwatchJob} the stack runs; only the sources and sinks differ.
 */
public final class EmbeddedRun {
    static final String PARTS = "parts";
    /**
     * How long a file replay lets signals wait for earlier ones. Generous on purpose: every signal within it is judged
     * in event-time order, so a replay gives the same alerts however its files interleave; latency does not matter
     * when replaying a year. Signals later than this still count within the allowed lateness, but are judged on
     * arrival, where timing can matter.
     */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofDays(3);

    public record Options(List<Path> signalFiles, Path out, RuleSet rules, EvaluatorFactory evaluators,
                          RiskConfig risk, Duration outOfOrderness, SignalCodec codec, int parallelism) {
    }

    public record Outcome(RunOutputs outputs, Map<String, Object> counters, Duration elapsed) {
        public long counter(String name) {
            Object value = counters.get(name);
            return value instanceof Number n ? n.longValue() : 0;
        }
    }

    private EmbeddedRun() {
    }

    public static Outcome run(Options options) throws Exception {
        long started = System.nanoTime();
        JobExecutionResult result = runJob(options);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        RunOutputs outputs = RunOutputs.merge(options.out(), options.codec().zone());
        return new Outcome(outputs, result.getAllAccumulatorResults(), elapsed);
    }

    /** Runs the job and leaves its output as the sinks committed it, under {@code out/parts/}. */
    public static JobExecutionResult runJob(Options options) throws Exception {
        Path parts = options.out().resolve(PARTS);
        RunOutputs.deleteRecursively(parts);
        Files.createDirectories(parts);
        var zone = options.codec().zone();
        RecordCodec<Alert> alerts = RecordCodec.alerts(zone);
        var risk = RecordCodec.riskSnapshots(zone);
        var deadLetters = RecordCodec.deadLetters(zone);

        List<LaborwatchJob.SignalInput> inputs = new ArrayList<>();
        for (Path file : options.signalFiles()) {
            String name = file.getFileName().toString();
            inputs.add(new LaborwatchJob.Lines(name, FileSource.forRecordStreamFormat(
                    new JsonLinesFormat(name), new org.apache.flink.core.fs.Path(file.toUri())).build()));
        }
        LaborwatchJob job = new LaborwatchJob(inputs, null,
                new LaborwatchJob.Sinks(
                        List.of(new LaborwatchJob.Named<>("files",
                                JsonLinesSink.to(parts.resolve(RunOutputs.ALERTS), "alerts", alerts))),
                        List.of(new LaborwatchJob.Named<>("files",
                                JsonLinesSink.to(parts.resolve(RunOutputs.RISK), "risk", risk))),
                        List.of(new LaborwatchJob.Named<>("files", JsonLinesSink.to(
                                parts.resolve(RunOutputs.DEAD_LETTERS), "dead-letters", deadLetters))),
                        null),
                // A file has no upsert: write each enterprise's final risk once instead of every change.
                new LaborwatchJob.Settings(options.rules(), options.evaluators(),
                        options.risk().withSnapshots(RiskConfig.Snapshots.FINAL), options.outOfOrderness(),
                        options.codec(), null));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(),
                localConfiguration());
        return job.execute(env, "laborwatch (embedded)");
    }

    /**
     * Generic types off keeps Kryo out of the job. No periodic checkpoints: a bounded file run that fails is simply
     * run again (outputs are rewritten whole), and the sinks commit at the end of input without one.
     */
    static Configuration localConfiguration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // Records are immutable, so chained operators may pass them on without a defensive copy.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        return conf;
    }

    /** A file, or every {@code *.jsonl} file directly in a directory, in name order. */
    public static List<Path> signalFiles(Path fileOrDir) throws IOException {
        if (Files.isRegularFile(fileOrDir)) {
            return List.of(fileOrDir);
        }
        if (!Files.isDirectory(fileOrDir)) {
            throw new IOException("no such file or directory: " + fileOrDir);
        }
        try (Stream<Path> files = Files.list(fileOrDir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .filter(Files::isRegularFile).sorted().toList();
            if (found.isEmpty()) {
                throw new IOException("no .jsonl files in " + fileOrDir);
            }
            return found;
        }
    }
}
