package org.laborwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.engine.generate.MessyDeliveries;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.risk.EnterpriseRiskFunction;
import org.laborwatch.engine.risk.EnterpriseStateSerializer;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * Writes a savepoint fixture ({@link SavepointFixture}) with the release being built: run it once per release whose
 * state a later release must restore, and commit what it writes. Skipped unless asked for:
 *
 * <pre>
 * ./laborwatch stack up   # or the test stack; LW_KAFKA_BOOTSTRAP / LW_ES_URL name it
 * mvn -pl engine verify -Dstack.its.exclude=none -Dit.test=WriteSavepointFixtureStackIT \
 *     -Dlaborwatch.savepoint.fixture=v1
 * </pre>
 *
 * The job reads a small city's year up to a cut, in event-time order (so a live run judges exactly what a replay of
 * the same lines would), and is stopped with a savepoint without draining: the signals of the last minute are still
 * waiting for the watermark in it, as they would be in any savepoint of a live job.
 */
@EnabledIfSystemProperty(named = "laborwatch.savepoint.fixture", matches = "[a-z0-9-]+")
class WriteSavepointFixtureStackIT {
    private static final LocalDate CUT = LocalDate.of(2025, 11, 1);

    @TempDir
    Path work;

    @Test
    void writeFixture() throws Exception {
        String name = System.getProperty("laborwatch.savepoint.fixture");
        Path dir = SavepointFixture.root().resolve(name);
        assertThat(dir).as("fixtures are written once and never replaced").doesNotExist();
        Files.createDirectories(dir.resolve("rules"));

        RuleSet bundled = RuleSets.bundled();
        for (Map.Entry<String, String> file : bundled.sources().entrySet()) {
            Files.writeString(dir.resolve("rules").resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        writeSignals(dir);
        Properties description = new Properties();
        description.setProperty(SavepointFixture.PARTITIONS, "2");
        description.setProperty(SavepointFixture.PARALLELISM, "2");
        description.setProperty(SavepointFixture.STATE_FORMAT, String.valueOf(EnterpriseStateSerializer.VERSION));
        description.setProperty(SavepointFixture.RULE_SET_VERSION, "fixture-" + name);
        SavepointFixture fixture = new SavepointFixture(dir, description);
        fixture.recreateTopicsAsAtTheSavepoint(Stack.kafka());

        // Started on the rule set it then finds published: every alert carries that version, whichever input the
        // job happens to read first.
        StackRun.Options options = new StackRun.Options(Stack.kafka(), "fixture-" + name, null, null,
                fixture.rules(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                StreamTime.defaults(),
                SignalCodec.defaults(), fixture.parallelism(), Duration.ofSeconds(1),
                work.resolve("checkpoints").toAbsolutePath(), null, 0).withTopics(fixture.topics());
        JobClient job = StackRun.start(options);
        fixture.awaitRead(Stack.kafka(), options.jobName());
        String savepoint = job.stopWithSavepoint(false, work.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        JobExecutionResult result = job.getJobExecutionResult().get();

        SavepointFixture.copy(Path.of(URI.create(savepoint)), fixture.savepoint());
        List<String> alerts = Stack.alerts(Stack.beginning(fixture.topics().alerts()),
                        TopicOffsets.end(Stack.kafka(), fixture.topics().alerts()))
                .stream().map(Alert::id).sorted().toList();
        description.setProperty(SavepointFixture.ALERTS_BEFORE, String.join(",", alerts));
        description.setProperty(SavepointFixture.JUDGED_BEFORE,
                String.valueOf(((Number) result.getAllAccumulatorResults()
                        .get(EnterpriseRiskFunction.ACC_JUDGED)).longValue()));
        fixture.write();
    }

    /**
     * A 200-enterprise city's year in event-time order, cut in two. {@code after.jsonl} also redelivers a signal the
     * job judged before the savepoint: the restored job must know it by its dedupe key.
     */
    private void writeSignals(Path dir) throws Exception {
        var city = new SampleGenerator(new SampleGenerator.Options(200, 365, 11, LocalDate.of(2025, 3, 1), 1,
                Stack.ZONE)).writeTo(work.resolve("city"));
        List<String> timed = Stack.inEventTimeOrder(city.files().get(0));
        long cut = CUT.atStartOfDay(Stack.ZONE).toInstant().toEpochMilli();
        List<String> before = timed.stream().filter(l -> MessyDeliveries.occurredAtMillis(l) < cut).toList();
        List<String> after = new ArrayList<>(timed.stream()
                .filter(l -> MessyDeliveries.occurredAtMillis(l) >= cut).toList());
        after.add(before.get(before.size() / 2));
        Files.write(dir.resolve("before.jsonl"), before, StandardCharsets.UTF_8);
        Files.write(dir.resolve("after.jsonl"), after, StandardCharsets.UTF_8);
    }
}
