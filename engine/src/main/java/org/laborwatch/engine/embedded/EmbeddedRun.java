package org.laborwatch.engine.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.laborwatch.connectors.file.JsonLinesFormat;
import org.laborwatch.connectors.file.JsonLinesSink;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.LaborwatchJob;
import org.laborwatch.engine.ingest.SignalIntake;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.local.LocalCluster;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSetRejected;
import org.laborwatch.rules.ruleset.SessionMode;
import org.slf4j.LoggerFactory;

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

    /**
     * Flink's managed memory, where batch execution sorts each subtask's signals. At the MiniCluster's default the
     * sort of a 100,000-enterprise year spilled to disk, copying every signal out and back; with this much it stays in
     * memory and whole runs took 6% less time (docs/benchmarks.md). Larger inputs still spill, they do not fail. Off the
     * Java heap, allocated only while a sort runs.
     */
    public static final MemorySize SORT_MEMORY = MemorySize.parse("1g");

    /** @param campaigns seasonal campaigns beside {@code rules}, each judging the signals dated within its days */
    public record Options(List<Path> signalFiles, Path out, RuleSet rules, EvaluatorFactory evaluators,
                          RiskConfig risk, SignalCodec codec, int parallelism, List<RuleSet> campaigns) {

        public Options {
            campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
        }

        /** Without campaigns. */
        public Options(List<Path> signalFiles, Path out, RuleSet rules, EvaluatorFactory evaluators,
                       RiskConfig risk, SignalCodec codec, int parallelism) {
            this(signalFiles, out, rules, evaluators, risk, codec, parallelism, List.of());
        }
    }

    /**
     * What a run reports while it goes, from the job's own counters: signals read ({@code SignalIntake.ACC_READ}) and
     * signals judged ({@code EnterpriseRiskFunction.ACC_JUDGED}). In batch execution the judging starts only once every
     * signal is read and sorted, so a listener sees the read count rise first, then the judged count.
     */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (read, judged) -> {
        };

        void update(long read, long judged);
    }

    /**
     * How often a listened-to run asks for its counters. Tasks send them to the job with their heartbeats, so those
     * come this often too; the default heartbeat (10 s) would move a bar about once a run.
     */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

    public record Outcome(RunOutputs outputs, Map<String, Object> counters, Duration elapsed) {
        public long counter(String name) {
            Object value = counters.get(name);
            return value instanceof Number n ? n.longValue() : 0;
        }
    }

    private EmbeddedRun() {
    }

    public static Outcome run(Options options) throws Exception {
        return run(options, Progress.NONE);
    }

    /** As {@link #run(Options)}, telling {@code progress} how far the job is about every quarter second. */
    public static Outcome run(Options options, Progress progress) throws Exception {
        long started = System.nanoTime();
        JobExecutionResult result = runJob(options, RiskConfig.Snapshots.FINAL, progress);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        RunOutputs outputs = RunOutputs.merge(options.out(), options.codec().zone());
        return new Outcome(outputs, result.getAllAccumulatorResults(), elapsed);
    }

    /**
     * Runs the job and leaves its output as the sinks committed it, under {@code out/parts/}. The rule set compiles on
     * a thread of its own while the cluster starts and reads the input: its first use is only once the signals are
     * sorted, and the risk operator then takes the same compiled rule set ({@link RuleSetCache}). A rule set that does
     * not compile stops the job and is reported with its problems, as if it had been checked first.
     */
    public static JobExecutionResult runJob(Options options) throws Exception {
        return runJob(options, RiskConfig.Snapshots.FINAL);
    }

    /**
     * As {@link #runJob(Options)}, with risk snapshots emitted as said: {@code ON_CHANGE} keeps every snapshot the
     * risk operator emits (each enterprise's level after each signal that changed it), for a reader that wants the
     * whole course of a run, such as the scenario runner; {@code FINAL} keeps the last one only.
     */
    public static JobExecutionResult runJob(Options options, RiskConfig.Snapshots snapshots) throws Exception {
        return runJob(options, snapshots, Progress.NONE);
    }

    private static JobExecutionResult runJob(Options options, RiskConfig.Snapshots snapshots, Progress progress)
            throws Exception {
        // Logging set up on this thread first: Drools compiling beside Flink's start could otherwise be the first to
        // ask SLF4J for loggers while the other thread sets it up, and SLF4J then prints a page of warnings.
        LoggerFactory.getILoggerFactory();
        CompletableFuture<Void> compiled = CompletableFuture.runAsync(() -> {
            try {
                RuleSetCache.compile(options.rules());
                for (RuleSet campaign : options.campaigns()) {
                    RuleSetCache.compile(campaign);
                }
            } catch (RuleSetRejected e) {
                throw new CompletionException(e);
            }
        });
        JobClient job = startJob(options, snapshots, progress != Progress.NONE);
        // From the start, not once the rules have compiled: the input is read meanwhile.
        ScheduledExecutorService poller = progress == Progress.NONE ? null : poll(job, progress);
        try {
            try {
                compiled.join();
            } catch (CompletionException e) {
                job.cancel();
                if (e.getCause() instanceof RuleSetRejected rejected) {
                    throw rejected;
                }
                throw e;
            }
            return job.getJobExecutionResult().get();
        } finally {
            if (poller != null) {
                poller.shutdownNow();
            }
        }
    }

    private static ScheduledExecutorService poll(JobClient job, Progress progress) {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "laborwatch-progress");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> report(job, progress), PROGRESS_INTERVAL.toMillis(),
                PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return poller;
    }

    /** A progress report is best effort: a job that just finished may no longer answer, and the result says all. */
    private static void report(JobClient job, Progress progress) {
        try {
            Map<String, Object> counters = job.getAccumulators().get(PROGRESS_INTERVAL.toMillis() * 4,
                    TimeUnit.MILLISECONDS);
            progress.update(count(counters, SignalIntake.ACC_READ), count(counters, EnterpriseRiskFunction.ACC_JUDGED));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is over and the poller stopped
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the next poll, or the end of the job, brings the figures
        }
    }

    private static long count(Map<String, Object> counters, String name) {
        return counters.get(name) instanceof Number n ? n.longValue() : 0;
    }

    /**
     * A small input (a scenario's, one enterprise's) through the job on one subtask, snapshots as said, outputs left
     * under {@code out/parts/}; a failure other than the rule set's or the files' is told as the run of {@code what}.
     */
    public static void runSmall(Path input, Path out, RuleSet rules, List<RuleSet> campaigns, RiskConfig risk,
                                SignalCodec codec, RiskConfig.Snapshots snapshots, String what)
            throws IOException, RuleSetRejected {
        try {
            runJob(new Options(List.of(input), out, rules, EvaluatorFactory.drools(SessionMode.LONG_LIVED), risk,
                    codec, 1, campaigns), snapshots);
        } catch (RuleSetRejected | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the run of " + what + " failed: " + e, e);
        }
    }

    private static JobClient startJob(Options options, RiskConfig.Snapshots snapshots, boolean listened)
            throws Exception {
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
                // A file has no upsert: unless asked otherwise, write each enterprise's final risk once instead of
                // every change.
                new LaborwatchJob.Settings(options.rules(), options.evaluators(),
                        options.risk().withSnapshots(snapshots), StreamTime.defaults(),
                        options.codec(), null, options.campaigns()));

        Configuration conf = localConfiguration();
        if (listened) {
            conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, PROGRESS_INTERVAL);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(), conf);
        job.build(env);
        return env.executeAsync("laborwatch (embedded)");
    }

    /**
     * Batch execution (see above). Generic types off keeps Kryo out of the job. A failed task is run again from the
     * blocking results before it, and the sinks commit at the end of input.
     */
    static Configuration localConfiguration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        batchExecution(conf);
        // Records are immutable, so chained operators may pass them on without a defensive copy.
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        // The local cluster's REST API (on a free port) and other listeners answer this host only.
        return LocalCluster.hostOnly(conf);
    }

    /**
     * Batch execution on a local cluster, sorting in memory ({@link #SORT_MEMORY}). The decoded signals cross to the
     * sort through local files; compressing them cost more CPU than the disk time it saved (7% of a run's CPU,
     * docs/benchmarks.md). For file runs and bounded runs on the stack alike.
     */
    public static void batchExecution(Configuration conf) {
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, SORT_MEMORY);
        conf.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC,
                NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
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
