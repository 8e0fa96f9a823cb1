package org.laborwatch.engine.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.KafkaConnections;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.LaborwatchJob;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.ingest.DecodedTypeInfo;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.local.LocalCluster;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;

/**
 * The job on the stack: signals from Kafka; alerts, the latest risk per enterprise and dead letters to Kafka. The same
 * {@link LaborwatchJob} as the embedded run, with other sources and sinks. Elasticsearch (alerts, risk and the signal
 * archive) is written from those topics by the index job beside it ({@link IndexRun}).
 *
 * <p>Checkpoints are always on: they commit the Kafka transactions (what consumers see) and bound what a restart
 * re-reads. See docs/operations.md for the guarantee and its latency cost.
 */
public final class StackRun {

    /**
     * @param start        where to start reading signals: offsets per partition, or null for the consumer group's
     *                     committed offsets (the earliest for a new group)
     * @param end          where to stop (a bounded run over known input), or null to run on
     * @param checkpoints  a directory (URI or path) for checkpoints, kept when the job is cancelled
     * @param restoreFrom  a checkpoint or savepoint to resume from, or null
     * @param restPort     the Flink web UI and REST port (or the next free of {@link #WEB_UI_PORTS}), 0 for any
     * @param delivery     of the Kafka outputs: exactly once (the default) or at least once (see docs/operations.md)
     * @param topics       what the job reads and writes: the stack's ({@link Topics#DEFAULT}) unless another set is
     *                     given
     * @param rulesStart   where a live job starts following published rule sets: offsets of the rules topic, or null
     *                     for its beginning (the latest published version is then active once read)
     */
    public record Options(String kafka, String jobName,
                          Map<TopicPartition, Long> start, Map<TopicPartition, Long> end,
                          RuleSet rules, EvaluatorFactory evaluators, RiskConfig risk, StreamTime stream,
                          SignalCodec codec, int parallelism, Duration checkpointInterval, Path checkpoints,
                          String restoreFrom, int restPort, DeliveryGuarantee delivery, Topics topics,
                          Map<TopicPartition, Long> rulesStart) {

        /** Exactly once, on the stack's topics. */
        public Options(String kafka, String jobName,
                       Map<TopicPartition, Long> start, Map<TopicPartition, Long> end,
                       RuleSet rules, EvaluatorFactory evaluators, RiskConfig risk, StreamTime stream,
                       SignalCodec codec, int parallelism, Duration checkpointInterval, Path checkpoints,
                       String restoreFrom, int restPort) {
            this(kafka, jobName, start, end, rules, evaluators, risk, stream, codec,
                    parallelism, checkpointInterval, checkpoints, restoreFrom, restPort, DeliveryGuarantee.EXACTLY_ONCE,
                    Topics.DEFAULT, null);
        }

        public Options withDelivery(DeliveryGuarantee guarantee) {
            return new Options(kafka, jobName, start, end, rules, evaluators, risk, stream,
                    codec, parallelism, checkpointInterval, checkpoints, restoreFrom, restPort, guarantee, topics,
                    rulesStart);
        }

        public Options withTopics(Topics names) {
            return new Options(kafka, jobName, start, end, rules, evaluators, risk, stream,
                    codec, parallelism, checkpointInterval, checkpoints, restoreFrom, restPort, delivery, names,
                    rulesStart);
        }

        public Options withCheckpointInterval(Duration interval) {
            return new Options(kafka, jobName, start, end, rules, evaluators, risk, stream,
                    codec, parallelism, interval, checkpoints, restoreFrom, restPort, delivery, topics, rulesStart);
        }

        /**
         * Over known input ({@link #end} given): run in batch execution, judged in event-time order whatever the order
         * of the records, exactly as a file run judges the same lines.
         */
        public boolean bounded() {
            return end != null;
        }

        /** @param checkpointOrSavepoint a URI or path, or null to start afresh */
        public Options withRestoreFrom(String checkpointOrSavepoint) {
            return new Options(kafka, jobName, start, end, rules, evaluators, risk, stream,
                    codec, parallelism, checkpointInterval, checkpoints, checkpointOrSavepoint, restPort, delivery,
                    topics, rulesStart);
        }

        /**
         * A live job that starts with {@link #rules} and follows only the rule sets published from {@code offsets} on
         * (the end of the rules topic when it starts: none published before).
         */
        public Options withRulesFrom(Map<TopicPartition, Long> offsets) {
            return new Options(kafka, jobName, start, end, rules, evaluators, risk, stream,
                    codec, parallelism, checkpointInterval, checkpoints, restoreFrom, restPort, delivery, topics,
                    offsets);
        }
    }

    /** How many ports from the one asked for a local cluster tries for its web UI. */
    public static final int WEB_UI_PORTS = 10;

    /** Half the Kafka transaction timeout ({@code KafkaConnections.TRANSACTION_TIMEOUT}). */
    public static final Duration CHECKPOINT_TIMEOUT = Duration.ofMinutes(5);

    /** Where Prometheus scrapes the job's metrics: the first free port of the range, on 127.0.0.1 only. */
    public static final String METRICS_PORTS = "9249-9259";

    /** How far lw.risk may trail the alerts: one record per changed enterprise per interval at most. */
    public static final Duration RISK_INTERVAL = Duration.ofSeconds(1);

    /**
     * At least once, alerts are sent as soon as they are raised, so what delays them is Flink's own pacing: a signal
     * is judged when the next periodic watermark passes it (every 200 ms by default) and records wait up to 100 ms in
     * network buffers. At least once these are 20 and 5 ms, which halved the median latency at 10,000 signals/s and
     * kept p99 under 500 ms (docs/benchmarks.md). Exactly once they stay at Flink's defaults: there an alert waits for
     * the next checkpoint anyway, and the extra watermarks and flushes took CPU that checkpoints needed.
     */
    static final Duration LOW_LATENCY_WATERMARK_INTERVAL = Duration.ofMillis(20);
    static final Duration LOW_LATENCY_BUFFER_TIMEOUT = Duration.ofMillis(5);

    private StackRun() {
    }

    public static LaborwatchJob job(Options options) {
        ZoneId zone = options.codec().zone();
        KafkaConnections kafka = new KafkaConnections(options.kafka(), options.jobName(), options.delivery());
        OffsetsInitializer start = options.start() != null ? OffsetsInitializer.offsets(options.start())
                : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        OffsetsInitializer end = options.end() != null ? OffsetsInitializer.offsets(options.end()) : null;
        Topics topics = options.topics();
        var signals = kafka.signals(topics.signals(), options.codec(), DecodedTypeInfo.INSTANCE, start, end);

        RecordCodec<Alert> alerts = RecordCodec.alerts(zone);
        RecordCodec<DeadLetter> deadLetters = RecordCodec.deadLetters(zone);
        // Kafka only: Elasticsearch is written by the index job from these topics (IndexRun), so a slow or absent
        // node never holds up the alerts.
        var sinks = new LaborwatchJob.Sinks(
                List.of(new LaborwatchJob.Named<>("kafka", kafka.sink(topics.alerts(), alerts, Alert::enterpriseId))),
                List.of(new LaborwatchJob.Named<>("kafka", kafka.sink(topics.risk(), RecordCodec.riskSnapshots(zone),
                        RiskSnapshot::enterpriseId))),
                List.of(new LaborwatchJob.Named<>("kafka",
                        kafka.sink(topics.deadLetters(), deadLetters, DeadLetter::origin))),
                kafka.sink(topics.ruleEvents(), RecordCodec.ruleSetEvents(zone), RuleSetEvent::version));
        // lw.risk holds the latest risk per enterprise. Live, every change is emitted and the latest per second
        // written; a bounded run writes each enterprise's final risk once, as a file run does.
        var settings = options.bounded()
                ? new LaborwatchJob.Settings(options.rules(), options.evaluators(),
                        options.risk().withSnapshots(RiskConfig.Snapshots.FINAL), options.stream(), options.codec(),
                        null)
                : new LaborwatchJob.Settings(options.rules(), options.evaluators(),
                        options.risk().withSnapshots(RiskConfig.Snapshots.ON_CHANGE), options.stream(),
                        options.codec(), RISK_INTERVAL);
        // A live job follows the rule sets published on lw.rules (the initial one judges until the first arrives, or,
        // with rulesStart, until one is published after it started);
        // a bounded run over known input uses the rule set it was given, like a file run, so its alerts are the
        // same as the embedded run's whatever has been published.
        var ruleSets = options.bounded() ? null : kafka.ruleSets(topics.rules(), zone,
                options.rulesStart() == null ? null : OffsetsInitializer.offsets(options.rulesStart()), null);
        return new LaborwatchJob(List.of(new LaborwatchJob.Decoding("kafka-signals", signals)), ruleSets, sinks,
                settings);
    }

    /** Starts the job on a local cluster in this JVM; the client stops, cancels or waits for it. */
    public static JobClient start(Options options) throws Exception {
        Configuration conf = options.bounded() ? batch(options) : configuration(options);
        conf.set(org.apache.flink.configuration.CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        job(options).build(env);
        return env.executeAsync(options.jobName());
    }

    /** Flink's pacing for the lowest latency, for at-least-once delivery ({@link #LOW_LATENCY_WATERMARK_INTERVAL}). */
    static Configuration lowLatency() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, LOW_LATENCY_WATERMARK_INTERVAL);
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, LOW_LATENCY_BUFFER_TIMEOUT);
        return conf;
    }

    /**
     * A bounded run in batch execution: no checkpoints (a failed task runs again from the blocking results before
     * it, and the Kafka sinks commit at the end of input), the web UI and metrics as a live job has them.
     */
    static Configuration batch(Options options) {
        Configuration conf = configuration(options);
        conf.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        EmbeddedRun.batchExecution(conf);
        return conf;
    }

    /** A streaming job's configuration: checkpoints, restarts, the web UI, metrics and the latency pacing. */
    static Configuration configuration(Options options) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpoints().toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        // Well inside the Kafka transaction timeout: a checkpoint slower than that (Elasticsearch away, say) fails
        // and is retried, instead of completing after the broker has aborted the transaction it commits.
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, CHECKPOINT_TIMEOUT);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        // The web UI on the given port or the next free one of the few above it; 0: any free port. It, the metrics
        // and every other listener of the local cluster answer this host only, and take no jobs (LocalCluster).
        conf.set(RestOptions.BIND_PORT, options.restPort() == 0 ? "0"
                : options.restPort() + "-" + (options.restPort() + WEB_UI_PORTS - 1));
        LocalCluster.hostOnly(conf);
        LocalCluster.prometheus(conf, METRICS_PORTS);
        if (options.delivery() == DeliveryGuarantee.AT_LEAST_ONCE) {
            conf.addAll(lowLatency());
        }
        if (options.restoreFrom() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, options.restoreFrom());
        }
        return conf;
    }
}
