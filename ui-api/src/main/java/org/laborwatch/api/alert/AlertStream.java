package org.laborwatch.api.alert;

import io.micronaut.http.sse.Event;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.backend.KafkaSettings;
import org.laborwatch.api.backend.Names;
import org.laborwatch.api.cases.CaseEvent;
import org.laborwatch.api.cases.Quiet;
import org.laborwatch.api.problem.Unavailable;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * New alerts for one agency (or all), as Server-Sent Events, straight from the committed records of
 * {@code lw.alerts}, and the notifications about the agency's cases from {@code lw.cases.events}. Each connection
 * reads the topics with a consumer of its own, assigned to every partition (no group, nothing committed), from where
 * its {@code Last-Event-ID} says or from the end: an exact resume point costs one consumer per open stream, which a
 * city's few hundred staff can afford. Alerts an open case keeps quiet (a silence, or below the case's level) are
 * not sent; they still join the case.
 */
@Singleton
class AlertStream {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
    static final int MAX_STREAMS = 256;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaSettings kafka;
    private final String alertsTopic;
    private final String casesTopic;
    private final RecordCodec<Alert> codec;
    private final RecordCodec<CaseEvent> caseCodec;
    private final ZoneId zone;
    private final Quiet quiet;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);

    AlertStream(KafkaSettings kafka, Names names, CityTime time, Quiet quiet) {
        this.kafka = kafka;
        this.alertsTopic = names.alertsTopic();
        this.casesTopic = names.caseEventsTopic();
        this.codec = time.alertCodec();
        this.caseCodec = RecordCodec.of(CaseEvent.class, time.zone());
        this.zone = time.zone();
        this.quiet = quiet;
    }

    /**
     * Sent as the stream opens and when nothing else was for a while: keeps proxies from closing the connection, and
     * carries the resume point.
     */
    @Serdeable
    record Heartbeat(Instant at) {
    }

    Flux<Event<?>> follow(Agency agency, StreamPosition from) {
        if (!streams.tryAcquire()) {
            throw new Unavailable("too many alert streams open (" + MAX_STREAMS + "); try again later");
        }
        return Flux.<Event<?>>create(sink -> {
            AtomicBoolean open = new AtomicBoolean(true);
            KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(kafka.committedReader("laborwatch-api-stream"));
            Thread reader = new Thread(() -> read(consumer, agency, from, sink, open), "alert-stream");
            reader.setDaemon(true);
            sink.onDispose(() -> {
                open.set(false);
                consumer.wakeup();
            });
            reader.start();
        }, FluxSink.OverflowStrategy.BUFFER).doFinally(signal -> streams.release());
    }

    /** The next offset of each partition of both topics, as the stream advances. */
    private record Position(Map<Integer, Long> alerts, Map<Integer, Long> cases) {
        String encode() {
            return new StreamPosition(alerts, cases).encode();
        }
    }

    private void read(KafkaConsumer<byte[], byte[]> consumer, Agency agency, StreamPosition from,
                      FluxSink<Event<?>> sink, AtomicBoolean open) {
        try (consumer) {
            Position next = start(consumer, from, open);
            // At once, so the client knows the stream is live and holds a resume point before any alert: reconnecting
            // with it loses nothing raised while it was away, even when it had received nothing yet.
            heartbeat(sink, next);
            long quietSince = System.nanoTime();
            while (open.get()) {
                boolean sent = false;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    boolean isAlert = record.topic().equals(alertsTopic);
                    (isAlert ? next.alerts() : next.cases()).put(record.partition(), record.offset() + 1);
                    Event<?> event = isAlert ? alertEvent(record, agency) : caseEvent(record, agency);
                    if (event != null) {
                        sink.next(event.id(next.encode()));
                        sent = true;
                    }
                }
                if (sent) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > HEARTBEAT.toNanos()) {
                    heartbeat(sink, next);
                    quietSince = System.nanoTime();
                }
            }
        } catch (WakeupException e) {
            // the client went away
        } catch (RuntimeException e) {
            LOG.warn("Alert stream stopped: {}", e.toString());
            sink.error(new Unavailable("the alert stream lost Kafka; reconnect with Last-Event-ID to resume"));
            return;
        }
        sink.complete();
    }

    private Event<?> alertEvent(ConsumerRecord<byte[], byte[]> record, Agency agency) {
        Alert alert = decode(record, codec);
        if (alert == null || (agency != null && !alert.agencies().contains(agency)) || quiet.quiets(alert)) {
            return null;
        }
        return Event.of(Views.summary(alert, List.of(), zone)).name("alert");
    }

    private Event<?> caseEvent(ConsumerRecord<byte[], byte[]> record, Agency agency) {
        CaseEvent event = decode(record, caseCodec);
        if (event == null || (agency != null && !event.agencies().contains(agency))) {
            return null;
        }
        return Event.of(event).name("case");
    }

    private static void heartbeat(FluxSink<Event<?>> sink, Position next) {
        sink.next(Event.of(new Heartbeat(Instant.now())).name("heartbeat").id(next.encode()));
    }

    /** Assigns every partition of both topics and places the consumer; answers the position it starts from. */
    private Position start(KafkaConsumer<byte[], byte[]> consumer, StreamPosition from, AtomicBoolean open) {
        List<PartitionInfo> alertPartitions = consumer.partitionsFor(alertsTopic, Duration.ofSeconds(10));
        while (open.get() && (alertPartitions == null || alertPartitions.isEmpty())) {
            sleep(); // the topic does not exist yet: wait for the engine to create it
            alertPartitions = consumer.partitionsFor(alertsTopic, Duration.ofSeconds(10));
        }
        // Case notifications are an addition: a stack without their topic still streams alerts.
        List<PartitionInfo> casePartitions = consumer.partitionsFor(casesTopic, Duration.ofSeconds(10));
        List<TopicPartition> alerts = partitions(alertsTopic, alertPartitions);
        List<TopicPartition> cases = partitions(casesTopic, casePartitions);
        List<TopicPartition> all = new ArrayList<>(alerts);
        all.addAll(cases);
        consumer.assign(all);
        Position next = new Position(new HashMap<>(), new HashMap<>());
        place(consumer, alerts, from == null ? null : from.alerts(), next.alerts());
        place(consumer, cases, from == null ? null : from.cases(), next.cases());
        return next;
    }

    private static List<TopicPartition> partitions(String topic, List<PartitionInfo> infos) {
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** From the client's position, a partition it has not seen (added since) from its start; else from the end. */
    private static void place(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                              Map<Integer, Long> from, Map<Integer, Long> next) {
        if (from == null) {
            consumer.seekToEnd(partitions);
            partitions.forEach(tp -> next.put(tp.partition(), consumer.position(tp)));
        } else {
            partitions.forEach(tp -> {
                long offset = from.getOrDefault(tp.partition(), 0L);
                consumer.seek(tp, offset);
                next.put(tp.partition(), offset);
            });
        }
    }

    private <T> T decode(ConsumerRecord<byte[], byte[]> record, RecordCodec<T> recordCodec) {
        if (record.value() == null) {
            return null;
        }
        try {
            return recordCodec.decode(record.value(), 0, record.value().length);
        } catch (RuntimeException e) {
            LOG.warn("Skipping a record of {} at {}/{} that cannot be read: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
