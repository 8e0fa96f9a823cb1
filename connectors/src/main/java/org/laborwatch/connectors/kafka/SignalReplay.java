package org.laborwatch.connectors.kafka;

import java.io.IOException;
import java.time.Instant;
import java.util.function.LongConsumer;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.elasticsearch.SignalArchive;
import org.laborwatch.connectors.json.SignalCodec;

/**
 * Re-feeds the archived signals of a range ({@link SignalArchive}) into the signal topic, oldest first, each keyed by
 * its enterprise as when it first came in. A running job judges them again; copies it still remembers are dropped
 * as duplicates, so a replay into a job that has seen them changes nothing. No Flink.
 */
public final class SignalReplay {
    /** How often, in signals, the progress callback hears the count so far. */
    public static final int PROGRESS_EVERY = 10_000;

    private final ElasticsearchEndpoint archive;
    private final String bootstrap;
    private final String topic;
    private final SignalCodec codec;

    public SignalReplay(ElasticsearchEndpoint archive, String bootstrap, String topic, SignalCodec codec) {
        this.archive = archive;
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.codec = codec;
    }

    /**
     * Produces every archived signal with {@code from <= occurredAt < to} and waits until the broker has them all;
     * returns how many. {@code progress} hears the count every {@link #PROGRESS_EVERY} signals.
     */
    public long replay(Instant from, Instant to, LongConsumer progress) throws IOException {
        try (SignalProducer producer = new SignalProducer(bootstrap, topic, codec)) {
            long[] sent = {0};
            long count = SignalArchive.read(archive, from, to, (enterpriseId, json) -> {
                producer.send(enterpriseId, json);
                if (++sent[0] % PROGRESS_EVERY == 0) {
                    progress.accept(sent[0]);
                }
            });
            producer.flush();
            return count;
        }
    }
}
