package org.laborwatch.connectors.elasticsearch;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records of the stack's topics as the Elasticsearch writes the index job makes of them: a signal of
 * {@link Topics#SIGNALS} becomes its archive document, an alert of {@link Topics#ALERTS} its alert document, a risk
 * snapshot of {@link Topics#RISK} the enterprise's risk document (versioned by event time). Alerts and risk keep the
 * exact JSON the engine published, so Elasticsearch holds what the agencies' consumers read.
 *
 * <p>What yields no document is skipped: a signal the engine turned into a dead letter (the dead letter is the
 * engine's), a tombstone of the compacted risk topic, and a record that does not decode, logged with its offset (only
 * the engine writes alerts and risk, so such a record is a foreign one with nothing in it to index).
 */
public final class DocumentRecords implements KafkaRecordDeserializationSchema<EsAction> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DocumentRecords.class);

    private final SignalCodec signals;
    private final RecordCodec<Alert> alerts;
    private final RecordCodec<RiskSnapshot> risk;

    public DocumentRecords(SignalCodec codec) {
        this.signals = codec;
        this.alerts = RecordCodec.alerts(codec.zone());
        this.risk = RecordCodec.riskSnapshots(codec.zone());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<EsAction> out) {
        if (record.value() == null) {
            return;
        }
        EsAction write;
        try {
            write = toWrite(record);
        } catch (RuntimeException e) {
            LOG.error("Skipping {}/{}:{}: does not decode: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        // Outside the try: the sinks are chained to the source, and what they throw must fail the job, not be taken
        // for a record that does not decode.
        if (write != null) {
            out.collect(write);
        }
    }

    /** The write a record becomes, or null for none. */
    private EsAction toWrite(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        switch (record.topic()) {
            case Topics.SIGNALS -> {
                return signals.decode(value, record.topic(), record.offset()) instanceof Decoded.Accepted accepted
                        ? Documents.signal(accepted.signal(), signals) : null;
            }
            case Topics.ALERTS -> {
                Alert alert = alerts.decode(utf8(value));
                Objects.requireNonNull(alert.id(), "an alert without an id");
                return Documents.alert(alert, value);
            }
            case Topics.RISK -> {
                RiskSnapshot snapshot = risk.decode(utf8(value));
                Objects.requireNonNull(snapshot.enterpriseId(), "a risk snapshot without an enterprise");
                Objects.requireNonNull(snapshot.asOf(), "a risk snapshot without asOf");
                return Documents.risk(snapshot, value);
            }
            default -> throw new IllegalArgumentException("not a topic the index job reads");
        }
    }

    private static String utf8(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<EsAction> getProducedType() {
        return TypeInformation.of(EsAction.class);
    }
}
