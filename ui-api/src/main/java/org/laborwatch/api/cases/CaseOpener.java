package org.laborwatch.api.cases;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.laborwatch.api.backend.CityTime;
import org.laborwatch.api.backend.KafkaSettings;
import org.laborwatch.api.backend.Names;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.risk.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and joins cases from the committed alerts of {@code lw.alerts}, as one consumer group shared by the service's
 * instances. Offsets are committed only after the alerts before them are in cases, and joining is idempotent, so a
 * restart re-reads at most a batch and opens nothing twice. When Elasticsearch is away it waits and reads the same
 * alerts again: an alert is never skipped, except one that is not an alert at all (logged).
 */
@Singleton
class CaseOpener implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CaseOpener.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration BACKOFF = Duration.ofSeconds(5);

    private final CaseService cases;
    private final KafkaSettings kafka;
    private final String topic;
    private final String group;
    private final RecordCodec<Alert> codec;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    CaseOpener(CaseService cases, KafkaSettings kafka, Names names, CityTime time,
               @Value("${laborwatch.cases.consumer-group:laborwatch-api-cases}") String group) {
        this.cases = cases;
        this.kafka = kafka;
        this.topic = names.alertsTopic();
        this.group = group;
        this.codec = time.alertCodec();
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (thread == null) {
            thread = new Thread(this::run, "case-opener");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5000);
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                c.subscribe(List.of(topic));
                while (running) {
                    process(c, c.poll(POLL));
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Opening cases from {} paused: {}", topic, e.toString());
                pause();
            }
        }
    }

    private Properties properties() {
        Properties p = kafka.committedReader("laborwatch-api-case-opener");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        return p;
    }

    /** Each record in turn; on a failure, the rest of its partition is read again after a pause. */
    private void process(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                try {
                    open(record);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Case for the alert at {}/{} not opened yet ({}); trying again", partition,
                            record.offset(), e.toString());
                    c.seek(partition, record.offset());
                    pause();
                    break;
                }
            }
        }
        if (!done.isEmpty()) {
            c.commitSync(done);
        }
    }

    private void open(ConsumerRecord<byte[], byte[]> record) throws IOException {
        if (record.value() == null) {
            return;
        }
        Alert alert;
        try {
            alert = codec.decode(record.value(), 0, record.value().length);
        } catch (RuntimeException e) {
            LOG.warn("Skipping the record at {}/{} of {}: not an alert ({})", record.partition(), record.offset(),
                    topic, e.getMessage());
            return;
        }
        cases.fromAlert(alert);
    }

    private void pause() {
        try {
            Thread.sleep(BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
