package org.laborwatch.connectors.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.laborwatch.connectors.json.RecordCodec;

/**
 * Writes output records as the same JSON the files and Elasticsearch hold, keyed so that one enterprise's records
 * stay in one partition, in order.
 */
public final class JsonRecords<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final RecordCodec<T> codec;
    private final SerializableFunction<T, String> key;

    public JsonRecords(String topic, RecordCodec<T> codec, SerializableFunction<T, String> key) {
        this.topic = topic;
        this.codec = codec;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        // No record timestamp of ours: an alert's event time may be months old, and the topic's retention counts
        // from the record timestamp, so the producer's clock stamps it.
        return new ProducerRecord<>(topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                codec.encodeBytes(element));
    }
}
