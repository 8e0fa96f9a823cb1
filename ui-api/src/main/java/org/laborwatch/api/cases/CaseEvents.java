package org.laborwatch.api.cases;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.backend.Names;
import org.laborwatch.connectors.json.RecordCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes case notifications to {@code lw.cases.events}, keyed by enterprise. A notification is a courtesy on top
 * of the saved case: when Kafka is away it is logged, and the queue (sorted by deadline) still shows the case.
 */
@Singleton
class CaseEvents {
    private static final Logger LOG = LoggerFactory.getLogger(CaseEvents.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final RecordCodec<CaseEvent> codec;

    CaseEvents(KafkaProducer<byte[], byte[]> producer, Names names, CityTime time) {
        this.producer = producer;
        this.topic = names.caseEventsTopic();
        this.codec = codec(time);
    }

    static RecordCodec<CaseEvent> codec(CityTime time) {
        return RecordCodec.of(CaseEvent.class, time.zone());
    }

    void publish(CaseEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.enterpriseId().getBytes(StandardCharsets.UTF_8),
                    codec.encodeBytes(event))).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Case event {} not published to {}: {}", event.id(), topic, e.toString());
        }
    }
}
