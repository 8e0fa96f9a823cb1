package org.laborwatch.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a topic ends, and what committed data lies between two such points: how a run knows which records are its
 * own (the offsets before it produced, the offsets after) and reads back what the job wrote.
 */
public final class TopicOffsets {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicOffsets() {
    }

    /** The last stable offset of every partition: the end of what {@code read_committed} consumers can see. */
    public static Map<TopicPartition, Long> end(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, KafkaClients.READ_COMMITTED)) {
            return consumer.endOffsets(partitions(consumer, topic), TIMEOUT);
        }
    }

    /**
     * The end of the log (the high watermark) of every partition, open transactions included: where whatever is
     * written from now on begins. Use it to mark the start of a run; {@link #end} would mark it before the records of
     * an open transaction (a crashed job's, say), which then show up in the run's range once they are resolved.
     */
    public static Map<TopicPartition, Long> endOfLog(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, KafkaClients.READ_UNCOMMITTED)) {
            return consumer.endOffsets(partitions(consumer, topic), TIMEOUT);
        }
    }

    /**
     * The offsets a consumer group has committed on {@code topic} (the Flink Kafka source commits its position with
     * each checkpoint): how far a running job has read. Partitions without a commit are missing.
     */
    public static Map<TopicPartition, Long> committed(String bootstrap, String group, String topic) {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, om) -> {
                if (om != null && tp.topic().equals(topic)) {
                    offsets.put(tp, om.offset());
                }
            });
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e.getMessage(), e);
        }
    }

    /** Committed records from {@code from} (inclusive) to {@code to} (exclusive), partition by partition. */
    public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, Map<TopicPartition, Long> from,
                                                           Map<TopicPartition, Long> to) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, KafkaClients.READ_COMMITTED)) {
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (Map.Entry<TopicPartition, Long> end : to.entrySet()) {
                long start = from.getOrDefault(end.getKey(), 0L);
                if (end.getValue() > start) {
                    remaining.put(end.getKey(), end.getValue());
                }
            }
            consumer.assign(remaining.keySet());
            remaining.keySet().forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
            // A large range may take long; only a stall (no record and no partition done for TIMEOUT) is an error.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no progress for " + TIMEOUT.toSeconds() + " s reading "
                            + remaining.keySet() + " up to " + to);
                }
                var polled = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = remaining.get(tp);
                    if (end != null && r.offset() < end) {
                        records.add(r);
                    }
                }
                // Transaction markers take offsets too, so a partition is done when its position reaches the end.
                boolean done = remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
                if (!polled.isEmpty() || done) {
                    deadline = System.nanoTime() + TIMEOUT.toNanos();
                }
                consumer.pause(consumer.assignment().stream().filter(tp -> !remaining.containsKey(tp)).toList());
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (run: ./laborwatch stack up)");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
        Properties p = KafkaClients.consumer(bootstrap, isolation);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        return new KafkaConsumer<>(p);
    }
}
