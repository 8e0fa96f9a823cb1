package org.laborwatch.connectors.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Settings of plain Kafka clients, without Flink: what the command line, the service and the tests produce and read
 * with. Records are bytes both ways; the codecs of {@code connectors/json} make them records.
 */
public final class KafkaClients {
    /** Consumers that see only committed data: what the job's transactional sinks wrote once checkpointed. */
    public static final String READ_COMMITTED = "read_committed";
    /** Consumers that also see open transactions' records: where the end of a log really is. */
    public static final String READ_UNCOMMITTED = "read_uncommitted";

    private KafkaClients() {
    }

    /**
     * A producer that is acknowledged by every in-sync replica and, being idempotent, neither duplicates nor
     * reorders records when it retries.
     */
    public static Properties producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }

    /**
     * A consumer that reads where it is told ({@code assign} and {@code seek}) and commits nothing, so reading never
     * moves a group's position. {@code isolation}: {@link #READ_COMMITTED} or {@link #READ_UNCOMMITTED}.
     */
    public static Properties consumer(String bootstrap, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
