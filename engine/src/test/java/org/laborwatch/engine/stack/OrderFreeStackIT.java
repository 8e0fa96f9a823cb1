package org.laborwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.MessyDeliveries;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * The same answer on every path: a year as agencies deliver it ({@link MessyDeliveries}), shuffled, judged by the file
 * run and by the stack run through Kafka with 1, 4 and 8 partitions of the signals topic, must raise the identical
 * alerts. And a live job, which judges as signals arrive, must not let outliers far ahead make the rest late.
 */
class OrderFreeStackIT {
    @TempDir
    static Path dir;
    static MessyDeliveries year;
    static List<String> shuffled;
    static List<Alert> fileRun;

    @BeforeAll
    static void judgeTheShuffledYearFromAFile() throws Exception {
        year = MessyDeliveries.of(600, 23, dir.resolve("city"));
        shuffled = year.shuffled(5);
        fileRun = run(MessyDeliveries.write(shuffled, 1, 0, dir.resolve("shuffled")), dir.resolve("file-run"))
                .outputs().alerts();
    }

    private static EmbeddedRun.Outcome run(List<Path> files, Path out) throws Exception {
        return EmbeddedRun.run(new EmbeddedRun.Options(files, out, RuleSets.bundled(),
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(), SignalCodec.defaults(), 2));
    }

    @ParameterizedTest(name = "{0} partition(s)")
    @ValueSource(ints = {1, 4, 8})
    void shouldRaiseTheFileRunsAlertsWhateverTheNumberOfPartitions(int partitions) throws Exception {
        Topics topics = Topics.named("it-order-" + partitions);
        Stack.recreate(topics, partitions);
        Stack.produce(topics.signals(), shuffled);
        Map<TopicPartition, Long> end = TopicOffsets.endOfLog(Stack.kafka(), topics.signals());
        Map<TopicPartition, Long> start = Stack.beginning(topics.signals());

        StackRun.start(new StackRun.Options(Stack.kafka(), "it-order-" + partitions, start, end,
                RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                StreamTime.defaults(), SignalCodec.defaults(), 2, Duration.ofSeconds(1), dir.resolve("chk"), null, 0)
                .withTopics(topics)).getJobExecutionResult().get();

        List<Alert> alerts = Stack.alerts(Stack.beginning(topics.alerts()),
                TopicOffsets.end(Stack.kafka(), topics.alerts()));
        assertThat(ids(alerts)).hasSizeGreaterThan(100).isEqualTo(ids(fileRun));
        assertThat(alerts).containsExactlyInAnyOrderElementsOf(fileRun);
    }

    /**
     * The year in event-time order into a live job, the signals dated months ahead delivered early, a tenth of the
     * way in, once the job has read the first tenth: event time must not jump to them. They wait until the end of the
     * stream, are counted as ahead of it, and everything is judged as a replay of the same lines judges it, nothing
     * late. (The signal dated ten years back is left out: a live stream can only report it as a dead letter.)
     */
    @Test
    void shouldNotLetSignalsFarAheadMakeTheRestOfALiveStreamLate() throws Exception {
        List<String> sorted = new ArrayList<>(year.sorted());
        sorted.removeIf(line -> line.contains("-BACK\""));
        List<String> ahead = sorted.stream().filter(line -> line.contains("-AHEAD")).toList();
        sorted.removeAll(ahead);
        List<String> delivered = new ArrayList<>(sorted);
        delivered.addAll(sorted.size() / 10, ahead); // right after the first tenth
        List<Alert> replay = run(MessyDeliveries.write(delivered, 1, 0, dir.resolve("live-input")),
                dir.resolve("live-replay")).outputs().alerts();

        Topics topics = Topics.named("it-order-live");
        Stack.recreate(topics, 4);
        StackRun.Options options = new StackRun.Options(Stack.kafka(), "it-order-live-" + System.currentTimeMillis(),
                Stack.beginning(topics.signals()), null, RuleSets.bundled(),
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(), StreamTime.defaults(),
                SignalCodec.defaults(), 2, Duration.ofSeconds(1), dir.resolve("live-chk"), null, 0).withTopics(topics);
        JobClient job = StackRun.start(options);
        int firstTenth = sorted.size() / 10;
        Stack.produce(topics.signals(), delivered.subList(0, firstTenth));
        Stack.awaitCommitted(options.jobName(), topics.signals(),
                TopicOffsets.endOfLog(Stack.kafka(), topics.signals()));
        Stack.produce(topics.signals(), delivered.subList(firstTenth, delivered.size()));
        Stack.awaitCommitted(options.jobName(), topics.signals(),
                TopicOffsets.endOfLog(Stack.kafka(), topics.signals()));
        job.stopWithSavepoint(true, dir.resolve("live-savepoint").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        JobExecutionResult result = job.getJobExecutionResult().get();

        List<DeadLetter> deadLetters = Stack.deadLetters(Stack.beginning(topics.deadLetters()),
                TopicOffsets.end(Stack.kafka(), topics.deadLetters()));
        assertThat(deadLetters).extracting(d -> d.reason().code()).containsOnly(Rejection.FUTURE_TIME);
        assertThat((Long) result.getAllAccumulatorResults().get(EnterpriseRiskFunction.ACC_AHEAD))
                .isGreaterThanOrEqualTo(MessyDeliveries.AHEAD);
        assertThat(ids(Stack.alerts(Stack.beginning(topics.alerts()), TopicOffsets.end(Stack.kafka(),
                topics.alerts())))).hasSizeGreaterThan(100).isEqualTo(ids(replay));
    }

    private static Set<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::id).collect(Collectors.toSet());
    }
}
