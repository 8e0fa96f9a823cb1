package org.laborwatch.engine.stack;

import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.elasticsearch.ElasticsearchSink;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.KafkaConnections;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.ingest.DecodedTypeInfo;
import org.laborwatch.engine.ingest.SignalTypeInfo;
import org.laborwatch.rules.fact.Signal;

/**
 * The signal archive ({@code lw-signals}, what {@code replay} reads) as a job of its own, beside the engine's: every
 * accepted signal of {@code lw.signals} indexed once by its id.
 *
 * <p>Why not a sink of the engine job: the archive is one Elasticsearch document per signal, most of what the node
 * indexes. As a sink it made the engine wait whenever Elasticsearch fell behind, and made every checkpoint (which
 * commits the alerts) wait for the archive's writes in flight. Apart, it reads the topic at Elasticsearch's pace, with
 * its own consumer group and checkpoints, and the alerts never wait for it. Dead letters are the engine's: this job
 * skips what does not decode.
 */
public final class ArchiveRun {
    private ArchiveRun() {
    }

    /** The archive job's name for an engine job's: also its consumer group and its checkpoints' job. */
    public static String jobName(String engineJobName) {
        return engineJobName + "-archive";
    }

    /** Builds the archive over the same topic range (or live, from its group's offsets) as the engine's options. */
    public static void build(StackRun.Options engine, StreamExecutionEnvironment env) {
        build(engine.kafka(), engine.elasticsearch(), jobName(engine.jobName()), engine.start(), engine.end(),
                engine.codec(), env);
    }

    /**
     * @param start offsets per partition, or null for the consumer group's committed offsets (the earliest for a new
     *              group)
     * @param end   where to stop, or null to run on
     */
    public static void build(String kafka, String elasticsearch, String archiveJobName,
                             Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, SignalCodec codec,
                             StreamExecutionEnvironment env) {
        KafkaConnections connections = new KafkaConnections(kafka, archiveJobName);
        OffsetsInitializer from = start != null ? OffsetsInitializer.offsets(start)
                : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        OffsetsInitializer to = end != null ? OffsetsInitializer.offsets(end) : null;
        env.fromSource(connections.signals(Topics.SIGNALS, codec, DecodedTypeInfo.INSTANCE, from, to),
                        WatermarkStrategy.noWatermarks(), "kafka-signals")
                .uid("src-kafka-signals")
                .flatMap(new AcceptedOnly(), SignalTypeInfo.INSTANCE).uid("accepted").name("Accepted signals")
                .sinkTo(new ElasticsearchSink<>(elasticsearch, Documents.signals(codec)))
                .uid("sink-signal-archive").name("Signal archive");
    }

    /** Starts the archive on a local cluster of its own in this JVM (its web UI on any free port). */
    public static JobClient start(StackRun.Options engine) throws Exception {
        Configuration conf = StackRun.configuration(engine);
        conf.removeConfig(StateRecoveryOptions.SAVEPOINT_PATH); // the engine's checkpoint is not the archive's
        conf.set(CoreOptions.DEFAULT_PARALLELISM, engine.parallelism());
        conf.set(RestOptions.BIND_PORT, "0");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(engine, env);
        return env.executeAsync(jobName(engine.jobName()));
    }

    static final class AcceptedOnly implements FlatMapFunction<Decoded, Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(Decoded decoded, Collector<Signal> out) {
            if (decoded instanceof Decoded.Accepted accepted) {
                out.collect(accepted.signal());
            }
        }
    }
}
