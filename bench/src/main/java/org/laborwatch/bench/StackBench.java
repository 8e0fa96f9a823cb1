package org.laborwatch.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.SignalProducer;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.stack.IndexRun;
import org.laborwatch.engine.stack.StackRun;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * The engine on the stack, against the stack's own ceiling, in one run: how fast a plain Kafka consumer reads a
 * generated city from lw.signals, how fast the whole job turns the same records into alerts in Kafka and
 * Elasticsearch, their ratio, and the signal-to-alert latency of a live job fed at a fixed rate.
 *
 * <p>Needs a running stack ({@code ./laborwatch stack up}). Latency is measured from handing a signal to the
 * producer to reading its alert as a {@code read_committed} consumer, under both delivery guarantees: exactly once
 * it includes the checkpoint that commits the alert's transaction; at least once the alert is visible when sent.
 */
public final class StackBench {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final String kafka = env("LW_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    private final String es = env("LW_ES_URL", "http://127.0.0.1:9200");
    private final Map<String, String> options;
    private final Path dir;

    private StackBench(Map<String, String> options, Path dir) {
        this.options = options;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path home = Path.of(System.getProperty("laborwatch.home", "."));
        new StackBench(options, home.resolve("out").resolve("bench-stack")).run();
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private void run() throws Exception {
        int enterprises = option("enterprises", 60_000);
        int rounds = option("rounds", 3);
        List<Integer> rates = new ArrayList<>();
        String rateList = options.getOrDefault("rates", "10000");
        for (String r : rateList.equals("none") ? new String[0] : rateList.split(",")) {
            rates.add(Integer.parseInt(r.trim()));
        }
        int checkpointMs = option("checkpoint-ms", 500);
        int atLeastOnceCheckpointMs = option("alo-checkpoint-ms", 10_000);
        out.printf("stack bench: Kafka %s, Elasticsearch %s, %,d enterprises, %d rounds; latency at %s signals/s, "
                + "exactly once with checkpoints every %d ms and at least once with checkpoints every %d ms%n", kafka,
                es, enterprises, rounds, rates, checkpointMs, atLeastOnceCheckpointMs);

        Path input = generate(enterprises, 7, "throughput");
        Map<TopicPartition, Long> from = TopicOffsets.endOfLog(kafka, Topics.SIGNALS);
        long records;
        try (SignalProducer producer = new SignalProducer(kafka, Topics.SIGNALS, SignalCodec.defaults())) {
            records = producer.produce(List.of(input), n -> { });
        }
        Map<TopicPartition, Long> to = TopicOffsets.end(kafka, Topics.SIGNALS);
        out.printf("produced %,d records into %s%n", records, Topics.SIGNALS);

        consume(from, to); // warm-up of both, not counted
        jobs(from, to, "warmup");
        List<Double> raw = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> indexed = new ArrayList<>();
        List<Double> endToEnd = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            raw.add(records / seconds(() -> consume(from, to)));
            JobExecutionResult[] results = jobs(from, to, "round-" + r);
            double engineSeconds = results[0].getNetRuntime() / 1000.0;
            double indexSeconds = results[1].getNetRuntime() / 1000.0;
            full.add(records / engineSeconds);
            indexed.add(records / indexSeconds);
            endToEnd.add(records / (engineSeconds + indexSeconds));
            out.printf("  round %d: plain consumer %,.0f records/s, engine job %,.0f signals/s, index job %,.0f "
                    + "signals/s, both %,.0f signals/s%n", r, raw.get(r), full.get(r), indexed.get(r),
                    endToEnd.get(r));
        }
        double rawMedian = median(raw);
        double fullMedian = median(full);

        Path latencyInput = generate(60_000, 9, "latency");
        List<Latency> latencies = new ArrayList<>();
        for (int rate : rates) {
            latencies.add(latency(latencyInput, rate, DeliveryGuarantee.EXACTLY_ONCE, checkpointMs));
            latencies.add(latency(latencyInput, rate, DeliveryGuarantee.AT_LEAST_ONCE, atLeastOnceCheckpointMs));
        }

        out.println();
        out.println("| measure | median |");
        out.println("|---|---:|");
        out.printf("| plain Kafka consumer, lw.signals (the ceiling) | %,.0f records/s |%n", rawMedian);
        out.printf("| the engine job: Kafka → alerts and risk in Kafka | %,.0f signals/s |%n", fullMedian);
        out.printf("| engine job / ceiling | %.2f |%n", fullMedian / rawMedian);
        out.printf("| the index job after it: Kafka → lw-signals, lw-alerts, lw-risk | %,.0f signals/s |%n",
                median(indexed));
        out.printf("| both, one after the other: Kafka → alerts in Kafka and Elasticsearch | %,.0f signals/s |%n",
                median(endToEnd));
        out.printf("| both / ceiling | %.2f |%n", median(endToEnd) / rawMedian);
        for (Latency latency : latencies) {
            out.printf("| signal-to-alert latency at %,d signals/s, %s (checkpoints every %,d ms): p50 / p99 "
                    + "| %,d / %,d ms |%n", latency.rate, name(latency.delivery), latency.checkpointMs, latency.p50,
                    latency.p99);
        }
        for (Latency latency : latencies) {
            out.printf("(%,d signals/s %s: %,d alerts after a %d s warm-up, input held at %,.0f signals/s for up to "
                    + "%d s after half a year of history)%n", latency.rate, name(latency.delivery), latency.samples,
                    LATENCY_WARMUP_SECONDS, latency.achievedRate, FEED_SECONDS);
        }
    }

    private Path generate(int enterprises, long seed, String name) throws Exception {
        Path target = dir.resolve(name + "-" + enterprises + "-" + seed);
        if (!Files.isDirectory(target)) {
            new SampleGenerator(new SampleGenerator.Options(enterprises, 365, seed, LocalDate.of(2025, 3, 1), 1,
                    ZONE)).writeTo(target);
        }
        return EmbeddedRun.signalFiles(target).get(0);
    }

    /** A plain consumer reading the range as fast as it can: what any job reading lw.signals is bounded by. */
    private void consume(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(to.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> remaining = new HashMap<>(to);
            long bytes = 0;
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    bytes += r.value().length; // touch every record, as a real consumer would
                }
                remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
            }
            if (bytes < 0) {
                throw new IllegalStateException();
            }
        }
    }

    /** The engine job, then the index job over what it read and wrote, as {@code run --stack} runs them. */
    private JobExecutionResult[] jobs(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, String name)
            throws Exception {
        StackRun.Options o = new StackRun.Options(kafka, "bench-" + name + "-" + System.currentTimeMillis(),
                from, to, RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                StreamTime.defaults(), SignalCodec.defaults(), 2,
                Duration.ofMillis(option("job-checkpoint-ms", 2000)), dir.resolve("checkpoints").toAbsolutePath(),
                null, 0);
        Map<TopicPartition, Long> indexStart = IndexRun.Range.endsOfLogs(kafka);
        indexStart.putAll(from);
        JobExecutionResult engine = StackRun.start(o).getJobExecutionResult().get();
        JobExecutionResult index = IndexRun.start(o, es, IndexRun.Range.to(kafka, indexStart, to))
                .getJobExecutionResult().get();
        return new JobExecutionResult[] {engine, index};
    }

    static final int LATENCY_WARMUP_SECONDS = 5;

    /** How long each latency measurement feeds signals. */
    static final int FEED_SECONDS = 25;

    private record Latency(int rate, DeliveryGuarantee delivery, int checkpointMs, long p50, long p99, int samples,
                           double achievedRate) {
    }

    private static String name(DeliveryGuarantee delivery) {
        return delivery == DeliveryGuarantee.EXACTLY_ONCE ? "exactly once" : "at least once";
    }

    /**
     * A live job (one-minute out-of-orderness, as {@code StackJob} runs) fed at a fixed rate; every alert read back is
     * matched with the moment its trigger signal was handed to the producer. Exactly once, an alert is visible when
     * the checkpoint after it completes; at least once, when it is sent.
     */
    private Latency latency(Path input, int rate, DeliveryGuarantee delivery, int checkpointMs) throws Exception {
        List<String[]> lines = new ArrayList<>(); // key, json, signal id
        SignalCodec codec = SignalCodec.defaults();
        for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
            if (codec.decode(line, "bench") instanceof Decoded.Accepted a) {
                lines.add(new String[] {a.signal().enterpriseId(), line, a.signal().id()});
            }
        }
        // Risk builds up over months: the first half of the year goes in as fast as the job takes it (not measured),
        // so the measured part raises the alerts a city in mid-year does.
        List<String[]> history = lines.subList(0, lines.size() / 2);
        lines = new ArrayList<>(lines.subList(lines.size() / 2,
                Math.min(lines.size(), lines.size() / 2 + rate * FEED_SECONDS)));
        Map<TopicPartition, Long> start = TopicOffsets.endOfLog(kafka, Topics.SIGNALS);
        Map<TopicPartition, Long> alertsStart = TopicOffsets.endOfLog(kafka, Topics.ALERTS);
        String jobName = "bench-latency-" + System.currentTimeMillis();
        StackRun.Options options = new StackRun.Options(kafka, jobName,
                start, null, RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED),
                RiskConfig.defaults(), StreamTime.defaults(), SignalCodec.defaults(), 2,
                Duration.ofMillis(checkpointMs), dir.resolve("checkpoints").toAbsolutePath(), null, 0)
                .withDelivery(delivery);
        JobClient job = StackRun.start(options);
        // The index job beside it, as a deployment runs it, over what comes from now on.
        JobClient index = IndexRun.start(options, es, new IndexRun.Range(IndexRun.Range.endsOfLogs(kafka), null));
        try (SignalProducer producer = new SignalProducer(kafka, Topics.SIGNALS, codec)) {
            for (String[] l : history) {
                producer.send(l[0], l[1]);
            }
            producer.flush();
        }
        Map<TopicPartition, Long> caughtUp = TopicOffsets.end(kafka, Topics.SIGNALS);
        while (!reached(TopicOffsets.committed(kafka, jobName, Topics.SIGNALS), caughtUp)) {
            Thread.sleep(500);
        }
        out.printf("  latency at %,d signals/s %s: %,d signals of history judged, feeding %,d more%n", rate,
                name(delivery), history.size(), lines.size());

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        long[] feedStarted = {0};
        Thread reader = new Thread(() -> readAlerts(alertsStart, sentAt, latencies, done, feedStarted));
        reader.start();

        long started = System.nanoTime();
        feedStarted[0] = started;
        try (SignalProducer producer = new SignalProducer(kafka, Topics.SIGNALS, codec)) {
            for (int i = 0; i < lines.size(); i++) {
                long due = started + (long) (i * (1e9 / rate));
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String[] l = lines.get(i);
                sentAt.put(l[2], System.nanoTime());
                producer.send(l[0], l[1]);
            }
            producer.flush();
        }
        double achieved = lines.size() / ((System.nanoTime() - started) / 1e9);
        // An overloaded job keeps publishing after the feed stops: wait until alerts stop coming (at most 2 min).
        long quietSince = System.nanoTime();
        int seen = latencies.size();
        long deadline = System.nanoTime() + 120_000_000_000L;
        long quietNanos = 5_000_000_000L + (delivery == DeliveryGuarantee.EXACTLY_ONCE ? 4_000_000L * checkpointMs : 0);
        while (System.nanoTime() - quietSince < quietNanos
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            if (latencies.size() != seen) {
                seen = latencies.size();
                quietSince = System.nanoTime();
            }
        }
        done.set(true);
        reader.join();
        stop(job);
        stop(index);
        out.printf("  latency at %,d signals/s: %,d alerts read back in all%n", rate, read.getAndSet(0));

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no alerts were read back: is the job running?");
        }
        return new Latency(rate, delivery, checkpointMs, sorted.get(sorted.size() / 2),
                sorted.get((int) (sorted.size() * 0.99)), sorted.size(), achieved);
    }

    /**
     * Stops a live job with a savepoint, never by cancelling: a cancelled job leaves its Kafka transaction open, and
     * that hides everything written after it from read_committed consumers until the transaction times out.
     */
    private void stop(JobClient job) throws Exception {
        job.stopWithSavepoint(false, dir.resolve("savepoints").toAbsolutePath().toUri().toString(),
                SavepointFormatType.CANONICAL).get();
    }

    private static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private final AtomicLong read = new AtomicLong();

    private void readAlerts(Map<TopicPartition, Long> from, Map<String, Long> sentAt, List<Long> latencies,
                            AtomicBoolean done, long[] feedStarted) {
        RecordCodec<Alert> alerts = RecordCodec.alerts(ZONE);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (!done.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    Alert a = alerts.decode(new String(r.value(), StandardCharsets.UTF_8));
                    read.incrementAndGet();
                    Long sent = sentAt.get(a.triggerSignalId());
                    if (sent != null && sent - feedStarted[0] > LATENCY_WARMUP_SECONDS * 1_000_000_000L) {
                        latencies.add((now - sent) / 1_000_000);
                    }
                }
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double seconds(Work work) throws Exception {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
