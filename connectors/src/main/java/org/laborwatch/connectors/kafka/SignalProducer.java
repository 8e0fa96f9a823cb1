package org.laborwatch.connectors.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;

/**
 * Feeds JSON Lines files into the signal topic as the city's sources would: each line one record, as it is, keyed
 * by its enterprise id so an enterprise's signals stay in order in one partition. Lines that are not signals go in
 * too (unkeyed), to become dead letters in the job like any bad input.
 *
 * <p>Several files are interleaved by event time, each file in its own order: two sources feeding the topic side
 * by side, not one after the other (which would make the second's whole year late).
 */
public final class SignalProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final SignalCodec codec;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public SignalProducer(String bootstrap, String topic, SignalCodec codec) {
        Properties p = KafkaClients.producer(bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
        this.codec = codec;
    }

    /** Produces every line of {@code files}; {@code progress} hears the count of lines sent so far. */
    public long produce(List<Path> files, LongConsumer progress) throws IOException {
        List<Cursor> cursors = new ArrayList<>();
        try {
            for (Path file : files) {
                Cursor c = new Cursor(Files.newBufferedReader(file, StandardCharsets.UTF_8));
                if (c.advance(codec)) {
                    cursors.add(c);
                }
            }
            long sent = 0;
            while (!cursors.isEmpty()) {
                Cursor next = cursors.get(0);
                for (Cursor c : cursors) {
                    if (c.at < next.at) {
                        next = c;
                    }
                }
                send(next.key, next.line);
                if (++sent % 10_000 == 0) {
                    progress.accept(sent);
                    throwIfFailed();
                }
                if (!next.advance(codec)) {
                    next.close();
                    cursors.remove(next);
                }
            }
            producer.flush();
            throwIfFailed();
            progress.accept(sent);
            return sent;
        } finally {
            for (Cursor c : cursors) {
                c.close();
            }
        }
    }

    /** One record as it is, keyed by its enterprise id (null: no key); {@link #flush} to wait for the broker. */
    public void send(String key, String line) {
        byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, k, line.getBytes(StandardCharsets.UTF_8)), (meta, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until everything sent is acknowledged; fails if anything was not. */
    public void flush() throws IOException {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() throws IOException {
        Exception e = failure.get();
        if (e != null) {
            throw new IOException("producing to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    /** The next non-blank line of one file, with its event time (a line that is no signal sorts as "now"). */
    private static final class Cursor {
        private final BufferedReader reader;
        private String line;
        private String key;
        private long at = Long.MIN_VALUE;

        Cursor(BufferedReader reader) {
            this.reader = reader;
        }

        boolean advance(SignalCodec codec) throws IOException {
            do {
                line = reader.readLine();
            } while (line != null && line.isBlank());
            if (line == null) {
                return false;
            }
            if (codec.decode(line.getBytes(StandardCharsets.UTF_8), "", 0) instanceof Decoded.Accepted a) {
                key = a.signal().enterpriseId();
                at = a.signal().occurredAtMillis();
            } else {
                key = null; // `at` stays: a bad line goes out where it stands in its file
            }
            return true;
        }

        void close() throws IOException {
            reader.close();
        }
    }
}
