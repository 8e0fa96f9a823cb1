package org.laborwatch.api.backend;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.laborwatch.connectors.kafka.KafkaClients;

/** One idempotent producer for everything the service writes to Kafka (case events, outcome signals). */
@Factory
class KafkaOutput {

    @Singleton
    @Bean(preDestroy = "close")
    KafkaProducer<byte[], byte[]> producer(KafkaSettings kafka) {
        Properties p = KafkaClients.producer(kafka.bootstrap());
        // A request waits at most this long for a Kafka that is away, then answers 503 (what was saved stays saved).
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        return new KafkaProducer<>(p);
    }
}
