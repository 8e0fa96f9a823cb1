package org.laborwatch.api.alert;

import io.micronaut.http.sse.Event;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
 * {@code lw.alerts}. Each connection reads the topic with a consumer of its own, assigned to every partition (no
 * group, nothing committed), from where its {@code Last-Event-ID} says or from the end: an exact resume point costs
 * one consumer per open stream, which a city's few hundred staff can afford.
 */
@Singleton
class AlertStream {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);
    static final int MAX_STREAMS = 256;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaSettings kafka;
    private final String topic;
    private final RecordCodec<Alert> codec;
    private final ZoneId zone;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);

    AlertStream(KafkaSettings kafka, Names names, CityTime time) {
        this.kafka = kafka;
        this.topic = names.alertsTopic();
        this.codec = time.alertCodec();
        this.zone = time.zone();
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

    private void read(KafkaConsumer<byte[], byte[]> consumer, Agency agency, StreamPosition from,
                      FluxSink<Event<?>> sink, AtomicBoolean open) {
        try (consumer) {
            Map<Integer, Long> next = start(consumer, from, open);
            // At once, so the client knows the stream is live and holds a resume point before any alert: reconnecting
            // with it loses nothing raised while it was away, even when it had received nothing yet.
            heartbeat(sink, next);
            long quietSince = System.nanoTime();
            while (open.get()) {
                boolean sent = false;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    next.put(record.partition(), record.offset() + 1);
                    Alert alert = decode(record);
                    if (alert != null && (agency == null || alert.agencies().contains(agency))) {
                        sink.next(Event.of(Views.summary(alert, List.of(), zone))
                                .name("alert").id(new StreamPosition(next).encode()));
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

    private static void heartbeat(FluxSink<Event<?>> sink, Map<Integer, Long> next) {
        sink.next(Event.of(new Heartbeat(Instant.now())).name("heartbeat").id(new StreamPosition(next).encode()));
    }

    /** Assigns every partition and places the consumer; answers the position it starts from. */
    private Map<Integer, Long> start(KafkaConsumer<byte[], byte[]> consumer, StreamPosition from,
                                     AtomicBoolean open) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        while (open.get() && (partitions == null || partitions.isEmpty())) {
            sleep(); // the topic does not exist yet: wait for the engine to create it
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        Map<Integer, Long> next = new HashMap<>();
        if (from == null) {
            consumer.seekToEnd(assigned);
            assigned.forEach(tp -> next.put(tp.partition(), consumer.position(tp)));
        } else {
            // A partition the client has not seen (added since) is read from its start.
            assigned.forEach(tp -> {
                long offset = from.next().getOrDefault(tp.partition(), 0L);
                consumer.seek(tp, offset);
                next.put(tp.partition(), offset);
            });
        }
        return next;
    }

    private Alert decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return codec.decode(record.value(), 0, record.value().length);
        } catch (RuntimeException e) {
            LOG.warn("Skipping a record of {} at {}/{} that is not an alert: {}", topic, record.partition(),
                    record.offset(), e.getMessage());
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
