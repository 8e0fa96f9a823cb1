package org.laborwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.elasticsearch.Documents;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.rules.risk.Alert;

/**
 * The live job killed mid-stream (cancelled, as a crash leaves it: open Kafka transactions) and started again from
 * its latest checkpoint must end with exactly the alerts of an uninterrupted run: none lost, none twice for a
 * read_committed consumer, and all of them in Elasticsearch once the index job has read the topic.
 */
class RestartStackIT {
    @TempDir
    Path dir;

    @Test
    void shouldCountEverySignalOnceAcrossACrashAndARestoreFromTheLatestCheckpoint() throws Exception {
        Run run = crashAndRestore("it-restart", 23, DeliveryGuarantee.EXACTLY_ONCE);

        assertThat(run.ids()).doesNotHaveDuplicates();
        assertThat(Set.copyOf(run.ids())).isEqualTo(run.uninterrupted());
        assertThat(indexed(run.uninterrupted())).isEqualTo(run.uninterrupted().size());
    }

    @Test
    void shouldLoseNoAlertAcrossACrashWhenDeliveringAtLeastOnce() throws Exception {
        Run run = crashAndRestore("it-restart-alo", 29, DeliveryGuarantee.AT_LEAST_ONCE);

        // What was sent after the restored checkpoint is sent again: the same alerts, with the same ids.
        assertThat(Set.copyOf(run.ids())).isEqualTo(run.uninterrupted());
        assertThat(indexed(run.uninterrupted())).isEqualTo(run.uninterrupted().size());
    }

    private record Run(Set<String> uninterrupted, List<String> ids) {
    }

    /**
     * Runs a city through a live job on the stack, cancels it mid-stream and restores it from its latest checkpoint,
     * then drains it once it has read everything. Each test has a city of its own (seed): alert ids are
     * deterministic, so another test's documents would count as indexed. The city goes in in event-time order, so
     * the live job, which waits a minute for out-of-order signals, judges it exactly as a replay does.
     */
    private Run crashAndRestore(String name, long seed, DeliveryGuarantee delivery) throws Exception {
        Path work = dir.resolve(name);
        var city = new SampleGenerator(new SampleGenerator.Options(4000, 365, seed, LocalDate.of(2025, 3, 1), 1,
                Stack.ZONE)).writeTo(work.resolve("city"));
        Path sorted = Stack.inEventTimeOrder(city.files().get(0), work.resolve("in-event-time-order.jsonl"));
        Set<String> uninterrupted = Stack.embeddedAlertIds(List.of(sorted), work.resolve("embedded"));
        assertThat(uninterrupted).hasSizeGreaterThan(100);

        Map<TopicPartition, Long> alertsBefore = TopicOffsets.endOfLog(Stack.kafka(), Topics.ALERTS);
        Map<TopicPartition, Long> indexStart = Stack.indexStart();
        // The second half waits in an open transaction, so the job is surely mid-stream when it is cancelled.
        Stack.HeldBack input = Stack.produceHoldingBackTheSecondHalf(List.of(sorted));
        Stack.Range range = input.range();
        Path checkpoints = work.resolve("checkpoints");
        StackRun.Options options = Stack.liveOptions(name, range.from(), checkpoints).withDelivery(delivery);

        JobClient first = StackRun.start(options.withCheckpointInterval(Duration.ofMillis(200)));
        try {
            awaitCheckpointWithAlerts(first, checkpoints, alertsBefore);
            first.cancel().get();
            input.release();
        } finally {
            input.abortIfOpen(); // a failure above must not leave lw.signals blocked for the tests after this one
            if (!first.getJobStatus().get().isGloballyTerminalState()) {
                first.cancel().get();
            }
        }
        // The latest, not the one seen above: transactions of every completed checkpoint are committed, so
        // restoring an older one would publish their alerts a second time.
        Path latest = latestCheckpoint(checkpoints).orElseThrow();

        JobClient second = StackRun.start(options.withRestoreFrom(latest.toUri().toString()));
        Stack.awaitCommitted(options.jobName(), Topics.SIGNALS, range.to());
        // Drained: event time ends, the signals still waiting for the watermark are judged, transactions commit.
        second.stopWithSavepoint(true, work.resolve("savepoint").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        Stack.index(options, indexStart, range);

        List<String> ids = Stack.alerts(alertsBefore, TopicOffsets.end(Stack.kafka(), Topics.ALERTS)).stream()
                .map(Alert::id).toList();
        return new Run(uninterrupted, ids);
    }

    private static long indexed(Set<String> ids) throws Exception {
        try (var transport = Stack.es()._transport()) {
            ElasticsearchClient es = new ElasticsearchClient(transport);
            es.indices().refresh(r -> r.index(Documents.ALERTS));
            return es.count(c -> c.index(Documents.ALERTS).query(q -> q.ids(i -> i.values(List.copyOf(ids)))))
                    .count();
        }
    }

    /** Waits until a checkpoint is complete and has committed some alerts, while the job still has work left. */
    private static void awaitCheckpointWithAlerts(JobClient job, Path checkpoints,
                                                  Map<TopicPartition, Long> alertsBefore) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JobStatus status = job.getJobStatus().get();
            assertThat(status).as("the job must still be running to be stopped mid-stream")
                    .isNotIn(JobStatus.FINISHED, JobStatus.FAILED);
            if (latestCheckpoint(checkpoints).isPresent() && committedAlerts(alertsBefore) > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint with committed alerts within two minutes");
    }

    private static long committedAlerts(Map<TopicPartition, Long> before) {
        Map<TopicPartition, Long> now = TopicOffsets.end(Stack.kafka(), Topics.ALERTS);
        return now.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** {@code checkpoints/<job id>/chk-N} with its metadata written: a complete checkpoint. */
    static Optional<Path> latestCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.walk(checkpoints, 2)) {
            return all.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.exists(p.resolve("_metadata")))
                    .max((a, b) -> Long.compare(number(a), number(b)));
        }
    }

    private static long number(Path chk) {
        return Long.parseLong(chk.getFileName().toString().substring(4));
    }

}
