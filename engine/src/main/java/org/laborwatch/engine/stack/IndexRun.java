package org.laborwatch.engine.stack;

import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.elasticsearch.ElasticsearchSink;
import org.laborwatch.connectors.elasticsearch.EsAction;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.KafkaConnections;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;

/**
 * The index job: Elasticsearch as the stack's topics say, beside the engine job. Every accepted signal of
 * {@code lw.signals} into the archive ({@code lw-signals}, what {@code replay} reads), every alert of {@code lw.alerts}
 * into {@code lw-alerts}, the latest risk of {@code lw.risk} into {@code lw-risk}; all idempotent ({@link EsAction}).
 *
 * <p>Why not sinks of the engine job: an Elasticsearch sink holds up its job whenever the node is slow or away
 * (backpressure is how it loses nothing), and the archive alone is one document per signal, most of what the node
 * indexes. Inside the engine that made the alerts wait for Elasticsearch, and an outage of the node stopped the alert
 * feed the agencies read from Kafka. Apart, the engine answers to Kafka only and this job reads the topics at
 * Elasticsearch's pace, with its own consumer group and checkpoints; Kafka is the buffer while it falls behind. It
 * reads committed data only, so Elasticsearch never shows an alert that Kafka's consumers do not see. Dead letters
 * are the engine's: signals that do not decode are skipped here.
 */
public final class IndexRun {
    private IndexRun() {
    }

    /** The index job's name for an engine job's: also its consumer group and its checkpoints' job. */
    public static String jobName(String engineJobName) {
        return engineJobName + "-index";
    }

    /**
     * Offsets per partition of the three topics it reads: where to start and where to stop.
     *
     * @param start offsets, or null for the consumer group's committed offsets (the earliest for a new group)
     * @param end   where to stop (a bounded run over known input), or null to run on
     */
    public record Range(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {
        public static final Range LIVE = new Range(null, null);

        /** From the ends of the three topics' logs now: what comes after, for a range to be closed with {@link #to}. */
        public static Map<TopicPartition, Long> endsOfLogs(String kafka) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (String topic : new String[] {Topics.SIGNALS, Topics.ALERTS, Topics.RISK}) {
                offsets.putAll(TopicOffsets.endOfLog(kafka, topic));
            }
            return offsets;
        }

        /**
         * The range from {@code start} to the ends of the alert and risk logs now (for a run whose engine has
         * finished: everything it wrote), signals no further than {@code signalsEnd}. The ends of the logs, not of
         * what is committed: the broker may not have written the engine's last commit markers yet, and another
         * producer's open transaction holds the committed end back; stopping there would skip records without a
         * word. A read_committed reader instead waits at an open transaction until it is resolved.
         */
        public static Range to(String kafka, Map<TopicPartition, Long> start, Map<TopicPartition, Long> signalsEnd) {
            Map<TopicPartition, Long> end = new HashMap<>(signalsEnd);
            end.putAll(TopicOffsets.endOfLog(kafka, Topics.ALERTS));
            end.putAll(TopicOffsets.endOfLog(kafka, Topics.RISK));
            return new Range(start, end);
        }
    }

    /** @param elasticsearch where to write, with the credentials of the index job's user */
    public static void build(String kafka, ElasticsearchEndpoint elasticsearch, String indexJobName, Range range,
                             SignalCodec codec, StreamExecutionEnvironment env) {
        KafkaConnections connections = new KafkaConnections(kafka, indexJobName);
        OffsetsInitializer from = range.start() != null ? OffsetsInitializer.offsets(range.start())
                : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        OffsetsInitializer to = range.end() != null ? OffsetsInitializer.offsets(range.end()) : null;
        DataStream<EsAction> writes = env.fromSource(connections.documents(codec, from, to),
                WatermarkStrategy.noWatermarks(), "kafka-documents").uid("src-kafka-documents");
        // Two sinks: versioned writes (risk) need one request in flight to keep their order; creates (alerts and the
        // archive, most of the volume) do not. Each sink is chained to the source, so a partition's order holds.
        writes.filter(new Creates()).uid("creates").name("Alerts and signals")
                .sinkTo(new ElasticsearchSink<>(elasticsearch, ElasticsearchSink.actionsAsIs()))
                .uid("sink-creates").name("Elasticsearch: alerts and signal archive");
        writes.filter(new Versioned()).uid("versioned").name("Risk")
                .sinkTo(new ElasticsearchSink<>(elasticsearch, ElasticsearchSink.actionsAsIs(),
                        ElasticsearchSink.Limits.ordered()))
                .uid("sink-versioned").name("Elasticsearch: risk");
    }

    /**
     * Starts the index job on a local cluster of its own in this JVM (its web UI on any free port), with the engine
     * job's settings (checkpoints, parallelism) and name; Elasticsearch's credentials from this process's environment
     * ({@link ElasticsearchEndpoint#fromEnvironment}).
     */
    public static JobClient start(StackRun.Options engine, String elasticsearch, Range range) throws Exception {
        return start(engine, ElasticsearchEndpoint.fromEnvironment(elasticsearch), range);
    }

    public static JobClient start(StackRun.Options engine, ElasticsearchEndpoint elasticsearch, Range range)
            throws Exception {
        return start(engine, elasticsearch, range, 0);
    }

    /** @param restPort its web UI on this port or the next free of the few above it, or on any free port for 0 */
    public static JobClient start(StackRun.Options engine, ElasticsearchEndpoint elasticsearch, Range range,
                                  int restPort) throws Exception {
        Configuration conf = StackRun.configuration(engine);
        conf.removeConfig(StateRecoveryOptions.SAVEPOINT_PATH); // the engine's checkpoint is not the index job's
        conf.set(CoreOptions.DEFAULT_PARALLELISM, engine.parallelism());
        conf.set(RestOptions.BIND_PORT, restPort == 0 ? "0"
                : restPort + "-" + (restPort + StackRun.WEB_UI_PORTS - 1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        String name = jobName(engine.jobName());
        build(engine.kafka(), elasticsearch, name, range, engine.codec(), env);
        return env.executeAsync(name);
    }

    static final class Creates implements FilterFunction<EsAction> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(EsAction action) {
            return action.isCreate();
        }
    }

    static final class Versioned implements FilterFunction<EsAction> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(EsAction action) {
            return !action.isCreate();
        }
    }
}
