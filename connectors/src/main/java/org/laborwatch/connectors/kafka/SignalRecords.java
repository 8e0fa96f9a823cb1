package org.laborwatch.connectors.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;

/**
 * Decodes signal records as the Kafka source reads them, so each partition's watermark follows the signals' own
 * event time (Flink generates watermarks per partition only inside the source). Every record yields exactly one
 * {@link Decoded}: a record that is not a signal becomes a dead letter pointing at {@code topic/partition:offset}.
 */
public final class SignalRecords implements KafkaRecordDeserializationSchema<Decoded> {
    private static final long serialVersionUID = 1L;

    private final SignalCodec codec;
    private final TypeInformation<Decoded> producedType;

    /** @param producedType how Flink serializes the result; the engine owns the serializer */
    public SignalRecords(SignalCodec codec, TypeInformation<Decoded> producedType) {
        this.codec = codec;
        this.producedType = producedType;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded> out) {
        String source = record.topic() + "/" + record.partition();
        byte[] value = record.value();
        if (value == null) {
            // A tombstone carries no signal; keep a trace of it rather than skip it silently.
            out.collect(codec.decode("", source + ":" + record.offset()));
            return;
        }
        out.collect(codec.decode(value, source, record.offset()));
    }

    @Override
    public TypeInformation<Decoded> getProducedType() {
        return producedType;
    }
}
