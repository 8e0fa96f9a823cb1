package org.laborwatch.engine.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.common.TopicPartition;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.SessionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine job and the index job running live side by side on the stack, each on a local cluster in this JVM:
 * what {@code laborwatch live} runs, and the demo in the background after its run. The engine judges lw.signals as
 * records arrive (streaming, event time per partition, {@link org.laborwatch.engine.ingest.StreamTime}); the index
 * job copies what it publishes, and the signals, into Elasticsearch. They run until stopped.
 */
public final class LiveRun {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRun.class);

    /** As a job on a cluster checkpoints ({@link StackJob}); at least once, a checkpoint only bounds a restart. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    /** How long a stop waits for each job's savepoint before cancelling it. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final JobClient engine;
    private final JobClient index;

    private LiveRun(JobClient engine, JobClient index) {
        this.engine = engine;
        this.index = index;
    }

    /**
     * The engine job as {@code live} runs it: signals from {@code signalsFrom} (offsets, or null for the consumer
     * group's committed ones), no end; the rule set {@code rules} until one is published after it started (so it
     * judges a run's signals again with the rules that run had, whatever was published before); the Kafka outputs
     * at least once. Exactly once, a live job that is killed rather than stopped (its terminal closed, the machine
     * shut down) leaves a Kafka transaction open that hides every later alert from read_committed readers for
     * {@code KafkaConnections.TRANSACTION_TIMEOUT}, the next demo's run among them; at least once, the price of a
     * crash is alerts sent twice with the same ids, which the sinks and the service's cases take as one.
     *
     * @param restPort the web UI on this port or the next free of the few above it (0: any)
     */
    public static StackRun.Options options(String kafka, String jobName, Map<TopicPartition, Long> signalsFrom,
                                           RuleSet rules, EngineConfig config, int parallelism, Path checkpoints,
                                           int restPort) {
        Map<TopicPartition, Long> rulesNow = TopicOffsets.endOfLog(kafka, Topics.RULES);
        return new StackRun.Options(kafka, jobName, signalsFrom, null, rules,
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), config.risk(), config.stream(), SignalCodec.defaults(),
                parallelism, CHECKPOINT_INTERVAL, checkpoints, null, restPort)
                .withDelivery(DeliveryGuarantee.AT_LEAST_ONCE)
                .withRulesFrom(rulesNow);
    }

    /**
     * Starts the engine job, then the index job over {@code index} (its web UI from {@code indexRestPort}, 0: any).
     */
    public static LiveRun start(StackRun.Options engine, ElasticsearchEndpoint elasticsearch, IndexRun.Range index,
                                int indexRestPort) throws Exception {
        if (engine.bounded() || index.end() != null) {
            throw new IllegalArgumentException("a live run has no end");
        }
        JobClient engineJob = StackRun.start(engine);
        try {
            return new LiveRun(engineJob, IndexRun.start(engine, elasticsearch, index, indexRestPort));
        } catch (Exception e) {
            engineJob.cancel();
            throw e;
        }
    }

    public JobClient engine() {
        return engine;
    }

    public JobClient index() {
        return index;
    }

    /** Completes when either job ends: a live job ends only when it is stopped, or fails for good. */
    public CompletableFuture<Object> ended() {
        return CompletableFuture.anyOf(engine.getJobExecutionResult(), index.getJobExecutionResult());
    }

    /**
     * Stops both jobs with a savepoint into {@code savepoints}: taking it makes their sinks flush what they hold (the
     * engine's last alerts and risk to Kafka, the index job's last documents to Elasticsearch). A job that does not
     * stop within {@link #STOP_TIMEOUT} is cancelled. Event time does not run to its end: nothing is judged or
     * forgotten by the stop.
     */
    public void stop(Path savepoints) {
        String target = savepoints.toAbsolutePath().toUri().toString();
        List<CompletableFuture<Void>> stops = List.of(engine, index).stream()
                .map(job -> CompletableFuture.runAsync(() -> stop(job, target))).toList();
        stops.forEach(CompletableFuture::join);
    }

    private static void stop(JobClient job, String savepoints) {
        try {
            if (job.getJobStatus().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).isGloballyTerminalState()) {
                return;
            }
            job.stopWithSavepoint(false, savepoints, SavepointFormatType.CANONICAL)
                    .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Job {} did not stop with a savepoint ({}); cancelling it", job.getJobID(), e.toString());
            try {
                job.cancel().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception cancelFailed) {
                LOG.warn("Job {} could not be cancelled either: {}", job.getJobID(), cancelFailed.toString());
            }
        }
    }
}
