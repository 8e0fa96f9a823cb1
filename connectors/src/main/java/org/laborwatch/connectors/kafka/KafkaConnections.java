package org.laborwatch.connectors.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.laborwatch.connectors.elasticsearch.DocumentRecords;
import org.laborwatch.connectors.elasticsearch.EsAction;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.rules.ruleset.RuleSet;

/**
 * The job's Kafka source and sinks, configured the way the delivery guarantee needs (docs/operations.md): the source
 * reads committed data only; the sinks write exactly once, in transactions committed with each checkpoint, or at
 * least once, visible at once, for the lowest latency.
 *
 * @param bootstrap   e.g. {@code 127.0.0.1:9092}
 * @param jobName     names the consumer group and the transactional-id prefix, so two jobs never fence each other
 * @param delivery    {@link DeliveryGuarantee#EXACTLY_ONCE} or {@link DeliveryGuarantee#AT_LEAST_ONCE}
 */
public record KafkaConnections(String bootstrap, String jobName, DeliveryGuarantee delivery)
        implements Serializable {

    public KafkaConnections {
        if (delivery != DeliveryGuarantee.EXACTLY_ONCE && delivery != DeliveryGuarantee.AT_LEAST_ONCE) {
            throw new IllegalArgumentException("delivery must be exactly-once or at-least-once, not " + delivery);
        }
    }

    /** Exactly once. */
    public KafkaConnections(String bootstrap, String jobName) {
        this(bootstrap, jobName, DeliveryGuarantee.EXACTLY_ONCE);
    }

    /**
     * Longer than any checkpoint interval plus a restart, shorter than the broker's
     * {@code transaction.max.timeout.ms} (15 minutes by default), which refuses anything longer.
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    /**
     * Signals from {@code topic}. {@code start} and {@code end} come from {@link OffsetsInitializer}; an {@code end}
     * makes the source bounded: it stops there, which is how a run over one file finishes.
     */
    public Source<Decoded, ?, ?> signals(String topic, SignalCodec codec, TypeInformation<Decoded> type,
                                        OffsetsInitializer start, OffsetsInitializer end) {
        return committedRecords(new SignalRecords(codec, type), start, end, "-signals", topic);
    }

    /**
     * What the index job writes to Elasticsearch: the signals, alerts and risk of {@link Topics#SIGNALS},
     * {@link Topics#ALERTS} and {@link Topics#RISK} as document writes, read as their consumers read them (committed
     * data only, so Elasticsearch never shows an alert that Kafka's consumers will not see). {@code start} and
     * {@code end} as for {@link #signals}, over the partitions of all three topics.
     */
    public Source<EsAction, ?, ?> documents(SignalCodec codec, OffsetsInitializer start, OffsetsInitializer end) {
        return committedRecords(new DocumentRecords(codec), start, end, "-documents", Topics.SIGNALS, Topics.ALERTS,
                Topics.RISK);
    }

    private <T> Source<T, ?, ?> committedRecords(KafkaRecordDeserializationSchema<T> deserializer,
                                                 OffsetsInitializer start, OffsetsInitializer end, String clientSuffix,
                                                 String... topics) {
        var builder = KafkaSource.<T>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topics)
                .setGroupId(jobName)
                .setClientIdPrefix(jobName + clientSuffix)
                .setStartingOffsets(start)
                .setDeserializer(deserializer)
                // Producers may write in transactions; an aborted record never happened.
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, KafkaClients.READ_COMMITTED)
                .setProperty("partition.discovery.interval.ms", "60000");
        if (end == null) {
            return builder.build();
        }
        return new RestartableBoundedSource<>(builder.setBounded(end).build());
    }

    /**
     * Published rule sets. {@code start}: from there (only versions published since), or null for the start of the
     * (compacted) topic, so a starting job finds the latest version of each name. {@code end}: stop there (a bounded
     * run), or null to follow new versions as they are published.
     */
    public Source<RuleSet, ?, ?> ruleSets(String topic, java.time.ZoneId zone, OffsetsInitializer start,
                                          OffsetsInitializer end) {
        var builder = KafkaSource.<RuleSet>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(jobName + "-rules")
                .setClientIdPrefix(jobName + "-rules")
                .setStartingOffsets(start != null ? start : OffsetsInitializer.earliest())
                .setDeserializer(new RuleSetRecords(zone))
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, KafkaClients.READ_COMMITTED);
        if (end == null) {
            return builder.build();
        }
        return new RestartableBoundedSource<>(builder.setBounded(end).build());
    }

    /**
     * Exactly once: records become visible to {@code read_committed} consumers when the checkpoint after them
     * completes. At least once: visible as soon as sent; after a restart from a checkpoint, what was sent since it is
     * sent again (the same records: alert ids are deterministic, so a consumer drops a repeat by id).
     */
    public <T> KafkaSink<T> sink(String topic, RecordCodec<T> codec, SerializableFunction<T, String> key) {
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(new JsonRecords<>(topic, codec, key))
                .setDeliveryGuarantee(delivery);
        if (delivery == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(jobName + "-" + topic)
                    .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                            String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
        }
        return builder.build();
    }

    /** {@code exactly-once} or {@code at-least-once}, as operators write it on a command line. */
    public static DeliveryGuarantee delivery(String name) {
        return switch (name) {
            case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
            case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            default -> throw new IllegalArgumentException(
                    "delivery must be exactly-once or at-least-once, not '" + name + "'");
        };
    }

    /** Offsets {@code partition -> offset}, for a run that starts or stops exactly where given. */
    public static OffsetsInitializer at(Map<TopicPartition, Long> offsets) {
        return OffsetsInitializer.offsets(offsets);
    }
}
