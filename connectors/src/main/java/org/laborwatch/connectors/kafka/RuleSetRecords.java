package org.laborwatch.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.ruleset.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Published rule sets from {@link Topics#RULES}, for the job's Kafka source ({@link RuleSetPublisher} writes them).
 * Whether a rule set compiles is the job's to judge (and report); a record that is not a rule set at all is logged
 * with its offset and skipped, since there is nothing in it to judge.
 */
public final class RuleSetRecords implements KafkaRecordDeserializationSchema<RuleSet> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetRecords.class);

    private final RecordCodec<RuleSet> codec;

    public RuleSetRecords(ZoneId zone) {
        this.codec = RecordCodec.ruleSets(zone);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RuleSet> out) {
        if (record.value() == null) {
            return; // a tombstone retracts a name; the running version stays until another is published
        }
        try {
            out.collect(codec.decode(new String(record.value(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            LOG.error("Skipping {}/{}:{}: not a rule set: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public TypeInformation<RuleSet> getProducedType() {
        return TypeInformation.of(RuleSet.class);
    }
}
