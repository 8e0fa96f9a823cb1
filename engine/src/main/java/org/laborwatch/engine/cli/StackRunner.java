package org.laborwatch.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Stream;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.kafka.common.TopicPartition;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.KafkaConnections;
import org.laborwatch.connectors.kafka.SignalProducer;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.config.EngineConfig;
import org.laborwatch.engine.embedded.RunOutputs;
import org.laborwatch.engine.generate.GroundTruth;
import org.laborwatch.engine.ingest.SignalIntake;
import org.laborwatch.engine.report.RunReport;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.stack.IndexRun;
import org.laborwatch.engine.stack.StackRun;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * {@code run --stack} and {@code demo --stack}: the signals go into lw.signals, the job runs on the stack until it has
 * judged exactly those records, the index job writes them and what the job published into Elasticsearch, then the
 * summary is built from what consumers of lw.alerts and lw.signals.dlq can read, and the documents are counted in
 * Elasticsearch.
 */
final class StackRunner {
    private final PrintStream out;
    private final String kafka;
    private final String elasticsearch;

    StackRunner(PrintStream out, StackAddress stack) {
        this.out = out;
        this.kafka = stack.kafka();
        this.elasticsearch = stack.elasticsearch();
    }

    int run(List<Path> files, Path outDir, RuleSet rules, Path truth, SignalCodec codec, int parallelism,
            EngineConfig config) throws Exception {
        Files.createDirectories(outDir);
        Files.deleteIfExists(outDir.resolve(RunOffsets.FILE)); // an earlier run's: live --from-run must not take it
        // Ends of the logs, not of what is committed: this run's range must not take in an open transaction's
        // records from before it (a crashed job's), which would show up in it once resolved.
        Map<TopicPartition, Long> signalsBefore = endOfLog(Topics.SIGNALS);
        Map<TopicPartition, Long> alertsBefore = endOfLog(Topics.ALERTS);
        Map<TopicPartition, Long> deadBefore = endOfLog(Topics.DEAD_LETTERS);
        Map<TopicPartition, Long> indexStart = askKafka(() -> IndexRun.Range.endsOfLogs(kafka));

        long total = countLines(files);
        out.printf("producing %,d records into %s at %s%n", total, Topics.SIGNALS, kafka);
        try (SignalProducer producer = new SignalProducer(kafka, Topics.SIGNALS, codec)) {
            producer.produce(files, sent -> progress(sent, total));
        }
        System.err.println();
        Map<TopicPartition, Long> signalsAfter = endOfLog(Topics.SIGNALS);

        out.printf("running the engine on the stack over exactly these records (batch execution, parallelism %d), "
                + "rule set %s%n", parallelism, rules.version());
        long started = System.nanoTime();
        StackRun.Options options = new StackRun.Options(kafka, "laborwatch-run-"
                + System.currentTimeMillis(), signalsBefore, signalsAfter, rules,
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), config.risk(), config.stream(),
                codec, parallelism, Duration.ofSeconds(2), outDir.resolve("checkpoints").toAbsolutePath(), null,
                WebUi.FIRST_PORT);
        var job = StackRun.start(options);
        printWhereToWatch(job.getJobID().toString());
        JobExecutionResult result = job.getJobExecutionResult().get();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        long raised = counter(result, EnterpriseRiskFunction.ACC_ALERTS);
        List<Alert> alerts = readAllAlerts(alertsBefore, raised, codec);
        boolean visible = alerts.size() >= raised;
        if (visible) {
            // Then the index job, over what the engine wrote and the signals it read: Elasticsearch as the topics
            // say. Only once the alerts are visible: an open transaction that hides them would hold it up too.
            out.printf("indexing into Elasticsearch at %s (the index job: signals, alerts, risk)%n", elasticsearch);
            IndexRun.Range indexed = IndexRun.Range.to(kafka, indexStart, signalsAfter);
            IndexRun.start(options, elasticsearch, indexed).getJobExecutionResult().get();
            new RunOffsets(signalsBefore, signalsAfter, indexed.end()).write(outDir);
        }
        alerts.sort(Comparator.comparing(Alert::raisedAt).thenComparing(Alert::id));
        List<DeadLetter> deadLetters = read(deadBefore, endOf(Topics.DEAD_LETTERS),
                RecordCodec.deadLetters(codec.zone()));
        RunOutputs.write(outDir.resolve("alerts.jsonl"), alerts, RecordCodec.alerts(codec.zone()));
        RunOutputs.write(outDir.resolve("dead-letters.jsonl"), deadLetters, RecordCodec.deadLetters(codec.zone()));

        String report = RunReport.render(new RunReport.Inputs(
                counter(result, SignalIntake.ACC_READ),
                counter(result, EnterpriseRiskFunction.ACC_JUDGED),
                counter(result, EnterpriseRiskFunction.ACC_DUPLICATES),
                counter(result, EnterpriseRiskFunction.ACC_LATE_JUDGED),
                counter(result, EnterpriseRiskFunction.ACC_AHEAD),
                counter(result, EnterpriseRiskFunction.ACC_RULE_ERRORS),
                counter(result, EnterpriseRiskFunction.ACC_RULE_INCIDENTS),
                alerts, deadLetters, truth == null ? null : GroundTruth.read(truth), codec.zone(), elapsed,
                rules.version(), true));
        Files.writeString(outDir.resolve("summary.txt"), report, StandardCharsets.UTF_8);
        out.println();
        out.print(report);
        out.println();
        if (visible) {
            printElasticsearch(alerts);
            out.println();
        }
        out.println("outputs (read back from Kafka as a read_committed consumer sees them):");
        out.println("  alerts        " + outDir.resolve("alerts.jsonl") + "   (topic " + Topics.ALERTS + ")");
        out.println("  dead letters  " + outDir.resolve("dead-letters.jsonl") + "   (topic " + Topics.DEAD_LETTERS
                + ")");
        out.println("  summary       " + outDir.resolve("summary.txt"));
        if (visible) {
            out.println("  offsets       " + outDir.resolve(RunOffsets.FILE) + "   (where ./laborwatch live --from-run "
                    + "carries on)");
        }
        if (alerts.size() < raised) {
            out.printf("%nlaborwatch: only %,d of the %,d alerts this run raised are visible to read_committed consumers "
                    + "of %s yet, so the summary above is incomplete. An open transaction holds the topic back, most "
                    + "likely one of a job that was cancelled (it expires within %d minutes, or when that job is "
                    + "restarted). Nothing was indexed into Elasticsearch. Run again later, or see "
                    + "docs/operations.md.%n", alerts.size(), raised,
                    Topics.ALERTS, KafkaConnections.TRANSACTION_TIMEOUT.toMinutes());
            return 1;
        }
        return 0;
    }

    /**
     * The alerts of this run as {@code read_committed} consumers see them. The job has committed them all when it
     * ends, but another producer's open transaction can still hide them for a while: wait up to a minute for all
     * {@code raised} of them, then report what is visible.
     */
    private List<Alert> readAllAlerts(Map<TopicPartition, Long> from, long raised, SignalCodec codec)
            throws IOException, InterruptedException {
        RecordCodec<Alert> alertCodec = RecordCodec.alerts(codec.zone());
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<Alert> alerts = read(from, endOf(Topics.ALERTS), alertCodec);
        boolean told = false;
        while (alerts.size() < raised && System.nanoTime() < deadline) {
            if (!told) {
                System.err.printf("waiting for all %,d alerts to be visible in %s (%,d are so far) ...%n", raised,
                        Topics.ALERTS, alerts.size());
                told = true;
            }
            Thread.sleep(1000);
            alerts = read(from, endOf(Topics.ALERTS), alertCodec);
        }
        return alerts;
    }

    /** The web UI port is the first free one from 8081: find it by asking for the job. */
    private void printWhereToWatch(String jobId) throws InterruptedException {
        OptionalInt port = WebUi.portOf(jobId);
        if (port.isEmpty()) {
            out.println("  (the Flink web UI did not answer on ports " + WebUi.FIRST_PORT + "-"
                    + (WebUi.FIRST_PORT + WebUi.PORTS - 1) + ")");
            return;
        }
        out.printf("  Flink web UI  %s%n", WebUi.jobPage(port.getAsInt(), jobId));
        out.printf("  metrics       http://127.0.0.1:%s/metrics  (Prometheus; the first free port of %s)%n",
                StackRun.METRICS_PORTS.split("-")[0], StackRun.METRICS_PORTS);
    }

    private void printElasticsearch(List<Alert> alerts) throws IOException {
        ElasticsearchClient es = ElasticsearchEndpoint.fromEnvironment(elasticsearch).client();
        try (var transport = es._transport()) {
            es.indices().refresh(r -> r.index(Documents.ALERTS, Documents.RISK, Documents.SIGNALS));
            List<String> ids = alerts.stream().map(Alert::id).toList();
            long found = 0;
            for (int i = 0; i < ids.size(); i += 10_000) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 10_000));
                found += es.count(c -> c.index(Documents.ALERTS).query(q -> q.ids(v -> v.values(chunk)))).count();
            }
            out.printf("Elasticsearch at %s:%n", elasticsearch);
            out.printf("  %s   %,d of this run's %,d alerts (%,d documents in all)%n", Documents.ALERTS, found,
                    ids.size(), es.count(c -> c.index(Documents.ALERTS)).count());
            // The indices keep every run's documents (the stack's data survives down/up), so say so.
            out.printf("  %s     %,d enterprises in all%n", Documents.RISK,
                    es.count(c -> c.index(Documents.RISK)).count());
            out.printf("  %s  %,d signals archived in all%n", Documents.SIGNALS,
                    es.count(c -> c.index(Documents.SIGNALS)).count());
            out.println("query them, e.g. the RED alerts:");
            out.printf("  curl -s '%s/%s/_search?q=level:RED&size=3&pretty'%n", elasticsearch, Documents.ALERTS);
        }
    }

    private Map<TopicPartition, Long> endOfLog(String topic) throws IOException {
        return askKafka(() -> TopicOffsets.endOfLog(kafka, topic));
    }

    private Map<TopicPartition, Long> endOf(String topic) throws IOException {
        return askKafka(() -> TopicOffsets.end(kafka, topic));
    }

    /** A broker that cannot be reached is the stack not being up: say how to start it. */
    private Map<TopicPartition, Long> askKafka(Supplier<Map<TopicPartition, Long>> question) throws IOException {
        try {
            return question.get();
        } catch (RuntimeException e) {
            throw new IOException("cannot reach Kafka at " + kafka + " (" + e.getMessage() + "); "
                    + StackAddress.HOW_TO_START, e);
        }
    }

    private <T> List<T> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, RecordCodec<T> codec) {
        List<T> records = new ArrayList<>();
        TopicOffsets.read(kafka, from, to).forEach(r ->
                records.add(codec.decode(new String(r.value(), StandardCharsets.UTF_8))));
        return records;
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static long countLines(List<Path> files) throws IOException {
        long n = 0;
        for (Path f : files) {
            try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                n += lines.filter(l -> !l.isBlank()).count();
            }
        }
        return n;
    }

    /** A progress bar on stderr, so the summary on stdout stays clean. */
    private static void progress(long sent, long total) {
        int width = 40;
        int done = total == 0 ? width : (int) Math.min(width, sent * width / total);
        System.err.printf("\r  [%s%s] %3d%%  %,d / %,d", "#".repeat(done), " ".repeat(width - done),
                total == 0 ? 100 : sent * 100 / total, sent, total);
    }
}
