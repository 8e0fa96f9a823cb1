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
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.laborwatch.connectors.file.JsonLinesFormat;
import org.laborwatch.connectors.file.JsonLinesSink;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.LaborwatchJob;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * Runs the job in one JVM on a Flink MiniCluster: JSON Lines files in, JSON Lines files out. The same
 * {@link LaborwatchJob} the stack runs; only the sources and sinks differ.
 *
 * <p>A file is bounded, so the job runs in Flink's batch execution: Flink sorts each enterprise's signals together
 * (spilling to disk when they do not fit in memory) and the risk operator judges them in event-time order once the
 * enterprise's input is over. The outputs are the same for any order of the lines, any split of them into files and
 * any duplicates; nothing is late, because nothing arrives before anything else.
 */
public final class EmbeddedRun {
    static final String PARTS = "parts";

    public record Options(List<Path> signalFiles, Path out, RuleSet rules, EvaluatorFactory evaluators,
                          RiskConfig risk, SignalCodec codec, int parallelism) {
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
                        options.risk().withSnapshots(RiskConfig.Snapshots.FINAL), StreamTime.defaults(),
                        options.codec(), null));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(),
                localConfiguration());
        return job.execute(env, "laborwatch (embedded)");
    }

    /**
     * Batch execution (see above). Generic types off keeps Kryo out of the job. A failed task is run again from the
     * blocking results before it, and the sinks commit at the end of input.
     */
    static Configuration localConfiguration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
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
