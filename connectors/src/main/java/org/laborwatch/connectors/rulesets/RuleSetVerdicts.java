package org.laborwatch.connectors.rulesets;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.kafka.KafkaClients;
import org.laborwatch.rules.ruleset.RuleSetEvent;

/**
 * What the running jobs said about rule-set versions: each subtask reports on {@code lw.rules.events} that it
 * activated a version or rejected it with the problems, and later what it quarantined. Read here for the version
 * list and for a publisher waiting to tell its author whether the job took the version. No Flink.
 */
public final class RuleSetVerdicts implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    /** One report, with when the broker got it. */
    public record Verdict(RuleSetEvent event, Instant at) {
    }

    /**
     * What a version's reports add up to, for the version lists of the command line and the service.
     *
     * @param verdict   {@link Publications#ACTIVATED}, {@link Publications#REJECTED} or {@link Publications#NO_REPORT}
     * @param problems  the rejection's problems (none for an activation)
     * @param incidents rules quarantined and evaluations stopped, reported while the version ran
     */
    public record Standing(String verdict, List<String> problems, long incidents) {

        /**
         * The first report decides: a version is activated or rejected once, and what comes later (a repeat of the
         * activation, a quarantine) does not undo that. Accepted reports with a problem are incidents.
         */
        public static Standing of(List<Verdict> reports) {
            if (reports == null || reports.isEmpty()) {
                return new Standing(Publications.NO_REPORT, List.of(), 0);
            }
            RuleSetEvent first = reports.get(0).event();
            long incidents = reports.stream().filter(r -> r.event().accepted() && !r.event().problems().isEmpty())
                    .count();
            return first.accepted() ? new Standing(Publications.ACTIVATED, List.of(), incidents)
                    : new Standing(Publications.REJECTED, first.problems(), incidents);
        }
    }

    private final String topic;
    private final RecordCodec<RuleSetEvent> codec;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    public RuleSetVerdicts(String bootstrap, String topic, ZoneId zone) {
        this.topic = topic;
        this.codec = RecordCodec.ruleSetEvents(zone);
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, KafkaClients.READ_COMMITTED));
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            this.partitions = infos == null ? List.of()
                    : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        } catch (KafkaException e) {
            consumer.close();
            throw e;
        }
        consumer.assign(partitions);
    }

    /** Where the topic ends now: read from here to see only what comes after a publication. */
    public Map<TopicPartition, Long> end() {
        return new HashMap<>(consumer.endOffsets(partitions));
    }

    /** Every report still on the topic about any of {@code versions}, oldest first per version. */
    public Map<String, List<Verdict>> about(Set<String> versions) {
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = end();
        Map<String, List<Verdict>> found = new LinkedHashMap<>();
        while (!reached(end)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                Verdict verdict = verdict(record);
                if (verdict != null && versions.contains(verdict.event().version())) {
                    found.computeIfAbsent(verdict.event().version(), v -> new ArrayList<>()).add(verdict);
                }
            }
        }
        return found;
    }

    /**
     * The first report about {@code version} after {@code from} (an {@link #end()} taken before publishing), or null
     * when none came within {@code timeout}: no job is running, or it is busy.
     */
    public Verdict await(String version, Map<TopicPartition, Long> from, Duration timeout) {
        from.forEach(consumer::seek);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                Verdict verdict = verdict(record);
                if (verdict != null && verdict.event().version().equals(version)) {
                    return verdict;
                }
            }
        }
        return null;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < end.getOrDefault(p, 0L)) {
                return false;
            }
        }
        return true;
    }

    private Verdict verdict(ConsumerRecord<byte[], byte[]> record) {
        try {
            return new Verdict(codec.decode(record.value(), 0, record.value().length),
                    Instant.ofEpochMilli(record.timestamp()));
        } catch (RuntimeException e) {
            return null; // not a report this version of laborwatch can read; the others still count
        }
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
