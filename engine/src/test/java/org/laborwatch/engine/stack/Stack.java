package org.laborwatch.engine.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.SignalProducer;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.MessyDeliveries;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * The real Kafka broker and Elasticsearch node the tests run against: {@code ./laborwatch test} starts a stack of
 * its own and names it in {@code LW_KAFKA_BOOTSTRAP} and {@code LW_ES_URL}. Without them these tests fail, loudly.
 */
final class Stack {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Stack() {
    }

    static String kafka() {
        return required("LW_KAFKA_BOOTSTRAP");
    }

    static String elasticsearch() {
        return required("LW_ES_URL");
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run these tests with ./laborwatch test, "
                    + "which starts Kafka and Elasticsearch for them");
        }
        return value;
    }

    /**
     * The file's signals in event-time order (ties by line): what a live job, which waits only a minute for
     * out-of-order signals, judges exactly as a replay of the same lines does.
     */
    static List<String> inEventTimeOrder(Path file) throws IOException {
        return MessyDeliveries.inEventTimeOrder(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList());
    }

    /** Writes the file's signals in event-time order ({@link #inEventTimeOrder}) to {@code out}. */
    static Path inEventTimeOrder(Path file, Path out) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, inEventTimeOrder(file), StandardCharsets.UTF_8);
        return out;
    }

    /** Produces the files into lw.signals; returns the offsets before and after, the run's own range. */
    static Range produce(List<Path> files) throws IOException {
        Map<TopicPartition, Long> before = TopicOffsets.endOfLog(kafka(), Topics.SIGNALS);
        try (SignalProducer producer = new SignalProducer(kafka(), Topics.SIGNALS, SignalCodec.defaults())) {
            producer.produce(files, sent -> { });
        }
        return new Range(before, TopicOffsets.endOfLog(kafka(), Topics.SIGNALS));
    }

    record Range(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    }

    /**
     * Produces the first half of the files' lines, then the rest in a Kafka transaction left open. A read_committed
     * reader (the job) cannot pass an open transaction, so the job is mid-stream, whatever its speed, until
     * {@link HeldBack#release} commits the rest. The range covers both halves.
     */
    static HeldBack produceHoldingBackTheSecondHalf(List<Path> files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        Map<TopicPartition, Long> before = TopicOffsets.endOfLog(kafka(), Topics.SIGNALS);
        SignalCodec codec = SignalCodec.defaults();
        try (SignalProducer producer = new SignalProducer(kafka(), Topics.SIGNALS, codec)) {
            for (String line : lines.subList(0, lines.size() / 2)) {
                producer.send(enterpriseId(codec, line), line);
            }
            producer.flush();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-held-back-" + System.nanoTime());
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "300000"); // longer than any wait for the job
        KafkaProducer<String, String> held = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        held.initTransactions();
        held.beginTransaction();
        for (String line : lines.subList(lines.size() / 2, lines.size())) {
            held.send(new ProducerRecord<>(Topics.SIGNALS, enterpriseId(codec, line), line));
        }
        held.flush();
        return new HeldBack(new Range(before, TopicOffsets.endOfLog(kafka(), Topics.SIGNALS)), held);
    }

    private static String enterpriseId(SignalCodec codec, String line) {
        return codec.decode(line, "it") instanceof Decoded.Accepted a ? a.signal().enterpriseId() : null;
    }

    static final class HeldBack {
        private final Range range;
        private final KafkaProducer<String, String> transaction;
        private boolean open = true;

        HeldBack(Range range, KafkaProducer<String, String> transaction) {
            this.range = range;
            this.transaction = transaction;
        }

        Range range() {
            return range;
        }

        /** Commits the rest: the job can read on. */
        void release() {
            transaction.commitTransaction();
            transaction.close();
            open = false;
        }

        /** Aborts the rest if it was not released, so a failed test leaves no open transaction behind. */
        void abortIfOpen() {
            if (open) {
                transaction.abortTransaction();
                transaction.close();
                open = false;
            }
        }
    }

    /** Where an index run starts: the ends of its three topics' logs, taken before a test produces anything. */
    static Map<TopicPartition, Long> indexStart() {
        return IndexRun.Range.endsOfLogs(kafka());
    }

    /**
     * Indexes into Elasticsearch what the topics got since {@code start}, signals up to the end of {@code signals}:
     * the index job over that range, once the engine job has finished, as {@code run --stack} does.
     */
    static void index(StackRun.Options engine, Map<TopicPartition, Long> start, Range signals) throws Exception {
        IndexRun.start(engine, elasticsearch(), IndexRun.Range.to(kafka(), start, signals.to()))
                .getJobExecutionResult().get(5, TimeUnit.MINUTES);
    }

    /**
     * Deletes {@code topics} if they exist and creates them empty: the signals, alerts and risk with {@code partitions}
     * partitions (risk compacted), the rest with one, as {@code stack up} creates the stack's.
     */
    static void recreate(Topics topics, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        try (Admin admin = Admin.create(p)) {
            for (String topic : topics.all()) {
                try {
                    admin.deleteTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (admin.listTopics().names().get().stream().anyMatch(topics.all()::contains)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topics.all() + " were not deleted within a minute");
                }
                Thread.sleep(200);
            }
            admin.createTopics(List.of(
                    new NewTopic(topics.signals(), partitions, (short) 1),
                    new NewTopic(topics.alerts(), partitions, (short) 1),
                    new NewTopic(topics.risk(), partitions, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(topics.deadLetters(), 1, (short) 1),
                    new NewTopic(topics.rules(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(topics.ruleEvents(), 1, (short) 1))).all().get();
            // An idempotent producer writing to a partition the broker has not opened yet loses its first batches:
            // refused at first, they are then out of sequence behind the ones that got in (KAFKA-15591, fixed after
            // Kafka 4.1). Asking each partition's leader where its log ends succeeds only once it is open.
            for (String topic : topics.all()) {
                int expected = List.of(topics.signals(), topics.alerts(), topics.risk()).contains(topic)
                        ? partitions : 1;
                while (TopicOffsets.endOfLog(kafka(), topic).size() < expected) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("topic " + topic + " was not ready within a minute");
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    /** Produces {@code lines} in their order into {@code topic}, each keyed by its enterprise (undecodable: no key). */
    static void produce(String topic, List<String> lines) throws IOException {
        SignalCodec codec = SignalCodec.defaults();
        try (SignalProducer producer = new SignalProducer(kafka(), topic, codec)) {
            for (String line : lines) {
                producer.send(enterpriseId(codec, line), line);
            }
            producer.flush();
        }
    }

    /** A live job (streaming, checkpointed, never ending by itself) reading lw.signals from {@code from}. */
    static StackRun.Options liveOptions(String jobName, Map<TopicPartition, Long> from, Path checkpoints) {
        return new StackRun.Options(kafka(), jobName, from, null,
                RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                StreamTime.defaults(), SignalCodec.defaults(), 2, Duration.ofSeconds(1), checkpoints, null, 0);
    }

    /** Until consumer group {@code group} has committed (a checkpoint of its job has completed) {@code end}. */
    static void awaitCommitted(String group, String topic, Map<TopicPartition, Long> end) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!reached(TopicOffsets.committed(kafka(), group, topic), end)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + group + " did not read " + topic + " to " + end
                        + " within three minutes");
            }
            Thread.sleep(100);
        }
    }

    private static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                || committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
    }

    /** A bounded run (batch execution) over exactly {@code signals}. */
    static StackRun.Options options(String jobName, Range signals, Path checkpoints) {
        return new StackRun.Options(kafka(), jobName, signals.from(), signals.to(),
                RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                StreamTime.defaults(), SignalCodec.defaults(), 2, Duration.ofSeconds(1), checkpoints, null,
                0);
    }

    /** Offset 0 of every partition of {@code topic}: a range from its beginning. */
    static Map<TopicPartition, Long> beginning(String topic) {
        return TopicOffsets.end(kafka(), topic).keySet().stream()
                .collect(Collectors.toMap(tp -> tp, tp -> 0L));
    }

    static List<Alert> alerts(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        RecordCodec<Alert> codec = RecordCodec.alerts(ZONE);
        return TopicOffsets.read(kafka(), from, to).stream()
                .map(r -> codec.decode(new String(r.value(), StandardCharsets.UTF_8))).toList();
    }

    static List<DeadLetter> deadLetters(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        RecordCodec<DeadLetter> codec = RecordCodec.deadLetters(ZONE);
        return TopicOffsets.read(kafka(), from, to).stream()
                .map(r -> codec.decode(new String(r.value(), StandardCharsets.UTF_8))).toList();
    }

    /** The alert ids of the embedded run over the same files: what the stack must reproduce. */
    static java.util.Set<String> embeddedAlertIds(List<Path> files, Path out) throws Exception {
        return EmbeddedRun.run(new EmbeddedRun.Options(files, out, RuleSets.bundled(),
                        EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(), SignalCodec.defaults(), 2))
                .outputs().alerts().stream().map(Alert::id).collect(Collectors.toSet());
    }

    /** A synchronous client for assertions; close its transport when done. */
    static ElasticsearchClient es() {
        return ElasticsearchEndpoint.fromEnvironment(elasticsearch()).client();
    }
}
