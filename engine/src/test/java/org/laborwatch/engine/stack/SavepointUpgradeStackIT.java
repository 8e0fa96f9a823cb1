package org.laborwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.risk.EnterpriseStateSerializer;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.upgrade.SavepointUpgrade;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * Every committed savepoint fixture ({@link SavepointFixture}) of an earlier release restores into this one, and the
 * restored job goes on as if it had never stopped: over the rest of the year it raises exactly the alerts a replay of
 * the whole year raises that the old job had not, judges every signal the old job had not (the ones waiting for the
 * watermark in the savepoint among them) and none twice.
 */
class SavepointUpgradeStackIT {
    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> shouldRestoreEverySavepointFixtureAndGoOnAsIfNeverStopped() throws Exception {
        return SavepointFixture.all().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> restore(f)));
    }

    private void restore(SavepointFixture fixture) throws Exception {
        Path dir = work.resolve(fixture.name());
        EmbeddedRun.Outcome replay = EmbeddedRun.run(new EmbeddedRun.Options(List.of(fixture.before(), fixture.after()),
                dir.resolve("replay"), fixture.rules(), EvaluatorFactory.drools(SessionMode.LONG_LIVED),
                RiskConfig.defaults(), SignalCodec.defaults(), 2));
        Set<String> expected = replay.outputs().alerts().stream().map(Alert::id).collect(Collectors.toSet());
        expected.removeAll(fixture.alertsBefore());
        assertThat(expected).as("the rest of the year raises alerts, or the test proves little").isNotEmpty();

        fixture.recreateTopicsAsAtTheSavepoint(Stack.kafka());
        Path savepoint = SavepointFixture.copy(fixture.savepoint(), dir.resolve("savepoint"));
        if (fixture.stateFormat() < EnterpriseStateSerializer.OLDEST_RESTORED) {
            // As an operator upgrading from that release does (docs/operations.md, "Upgrading").
            Path upgraded = dir.resolve("upgraded");
            SavepointUpgrade.upgrade(savepoint.toUri().toString(), upgraded.toUri().toString());
            savepoint = upgraded;
        }
        StackRun.Options options = new StackRun.Options(Stack.kafka(), "upgrade-" + fixture.name() + "-"
                + System.currentTimeMillis(), null, null, fixture.rules(),
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                StreamTime.defaults(), SignalCodec.defaults(), fixture.parallelism(), Duration.ofSeconds(1),
                dir.resolve("checkpoints").toAbsolutePath(), savepoint.toUri().toString(), 0)
                .withTopics(fixture.topics());
        JobClient job = StackRun.start(options);
        JobExecutionResult result;
        try {
            fixture.produce(Stack.kafka(), fixture.after());
            fixture.awaitRead(Stack.kafka(), options.jobName());
            // Draining ends event time: every signal still waiting is judged, every transaction committed.
            job.stopWithSavepoint(true, dir.resolve("after-upgrade").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
            result = job.getJobExecutionResult().get();
        } catch (Exception | AssertionError e) {
            job.cancel(); // best effort: the test has failed already
            throw e;
        }

        Set<String> raised = new HashSet<>(Stack.alerts(Stack.beginning(fixture.topics().alerts()),
                TopicOffsets.end(Stack.kafka(), fixture.topics().alerts())).stream().map(Alert::id).toList());
        assertThat(raised).as("the alerts of the rest of the year, none that the old job had raised")
                .isEqualTo(expected);
        assertThat(fixture.judgedBefore() + counter(result, EnterpriseRiskFunction.ACC_JUDGED))
                .as("every signal judged once, before or after the upgrade")
                .isEqualTo(replay.counter(EnterpriseRiskFunction.ACC_JUDGED));
        assertThat(counter(result, EnterpriseRiskFunction.ACC_DUPLICATES))
                .as("a signal the old job judged, delivered again, is known by the restored state")
                .isEqualTo(redeliveries(fixture));
    }

    /** Lines of after.jsonl whose signal (source and id) came before: in before.jsonl, or earlier in after.jsonl. */
    private static long redeliveries(SavepointFixture fixture) throws Exception {
        SignalCodec codec = SignalCodec.defaults();
        Set<String> seen = new HashSet<>();
        for (String line : Files.readAllLines(fixture.before())) {
            seen.add(((Decoded.Accepted) codec.decode(line, "before")).signal().dedupeKey());
        }
        return Files.readAllLines(fixture.after()).stream()
                .filter(line -> !seen.add(((Decoded.Accepted) codec.decode(line, "after")).signal().dedupeKey()))
                .count();
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
