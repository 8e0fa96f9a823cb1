package org.laborwatch.connectors.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetRejected;

/**
 * Publishes rule sets to the rules topic ({@link Topics#RULES}), keyed by the rule set's name: the topic is
 * compacted, so the latest version of each name is what a starting job finds, and running jobs swap to it. Checking
 * the rule set first is the caller's choice ({@code RuleSetCache.compile}); the job judges it again either way.
 * Used by the command line and the service; no Flink.
 */
public final class RuleSetPublisher implements AutoCloseable {
    /** A broker that is not there fails a publish in this time instead of the client's minute. */
    private static final String WAIT_FOR_BROKER_MS = "15000";

    private final String bootstrap;
    private final String topic;
    private final RecordCodec<RuleSet> codec;
    private final KafkaProducer<byte[], byte[]> producer;

    /** The base rule set's name, its key in lw.rules unless another is given. */
    public static final String BASE_NAME = "city";

    /** Where the rule set went: the broker has it at {@code offset} of {@code topic}. */
    public record Published(String version, String name, String topic, long offset) {
    }

    /**
     * The key {@code rules} goes under: {@code given} when there is one, else a campaign's own name, else
     * {@link #BASE_NAME}. A campaign is kept by its own name in the compacted topic: under the base's name it would
     * push the base set out of the topic, and a job starting later would find no base set. For the command line and
     * the service alike, publishing and rolling back.
     */
    public static String nameFor(RuleSet rules, String given) throws RuleSetRejected {
        return given != null ? given : Campaign.of(rules).map(Campaign::name).orElse(BASE_NAME);
    }

    public RuleSetPublisher(String bootstrap, String topic, ZoneId zone) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.codec = RecordCodec.ruleSets(zone);
        Properties p = KafkaClients.producer(bootstrap);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, WAIT_FOR_BROKER_MS);
        this.producer = new KafkaProducer<>(p);
    }

    /** Sends {@code rules} under {@code name} and returns once the broker has it. */
    public Published publish(RuleSet rules, String name) throws IOException {
        try {
            RecordMetadata meta = producer.send(new ProducerRecord<>(topic, name.getBytes(StandardCharsets.UTF_8),
                    codec.encodeBytes(rules))).get();
            return new Published(rules.version(), name, topic, meta.offset());
        } catch (ExecutionException | KafkaException e) {
            throw new IOException("cannot publish to Kafka at " + bootstrap + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing rule set " + rules.version(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
