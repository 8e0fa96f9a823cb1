package org.laborwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.Decoded;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.elasticsearch.ElasticsearchEndpoint;
import org.laborwatch.connectors.rulesets.Publications;
import org.laborwatch.connectors.rulesets.RuleSetHistory;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.engine.embedded.EmbeddedRun;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * Rule sets published into a running job: v1, then one that does not compile (rejected and reported, v1 keeps
 * judging), then v2, each swapped in between three parts of a generated year. The rule text of v1 and v2 is the
 * same, so whatever version judged a signal, the alerts must be those of one embedded run over the whole year:
 * none lost, none added by the swaps.
 */
class RuleSwapStackIT {
    private static final String NAME = "it-swap";
    /**
     * Signals judged this long before v2 was published were surely judged by v1: the live job waits a minute for
     * out-of-order signals, and its event time lags a couple of signals behind each partition's latest (a quiet test
     * city has a few a day per partition).
     */
    private static final Duration SURELY_JUDGED = Duration.ofDays(3);

    @TempDir
    Path dir;

    @Test
    void shouldJudgeEachSignalByTheVersionActiveWhenItArrivedAndLoseNone() throws Exception {
        String run = "it-swap-" + System.currentTimeMillis();
        RuleSet v1 = new RuleSet(run + "-v1", RuleSets.bundled().sources());
        RuleSet v2 = new RuleSet(run + "-v2", RuleSets.bundled().sources());
        RuleSet broken = new RuleSet(run + "-broken", Map.of("broken.drl",
                "package laborwatch.rules;\nrule \"BROKEN-1\" when this is not drl then end\n"));

        var city = new SampleGenerator(new SampleGenerator.Options(1500, 365, 41, LocalDate.of(2025, 3, 1), 1,
                Stack.ZONE)).writeTo(dir.resolve("city"));
        Instant start = LocalDate.of(2025, 3, 1).atStartOfDay(Stack.ZONE).toInstant();
        Instant cut1 = start.plus(Duration.ofDays(120));
        Instant cut2 = start.plus(Duration.ofDays(240));
        List<Path> parts = split(city.files().get(0), cut1, cut2);
        Path whole = concatenate(parts);

        Map<TopicPartition, Long> alertsBefore = TopicOffsets.endOfLog(Stack.kafka(), Topics.ALERTS);
        Map<TopicPartition, Long> eventsBefore = TopicOffsets.endOfLog(Stack.kafka(), Topics.RULE_EVENTS);
        Map<TopicPartition, Long> signalsStart = TopicOffsets.endOfLog(Stack.kafka(), Topics.SIGNALS);
        JobClient job = StackRun.start(new StackRun.Options(Stack.kafka(), run, signalsStart,
                null, RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                StreamTime.defaults(), SignalCodec.defaults(), 2, Duration.ofSeconds(1), dir.resolve("checkpoints"),
                null, 0));
        try {
            // Published as the command line and the service publish: sent, recorded, and the job's word awaited.
            assertThat(publish(v1).verdict().event().accepted()).isTrue();
            feed(parts.get(0), run);
            Publications.Outcome rejected = publish(broken);
            assertThat(rejected.rejected()).isTrue();
            assertThat(rejected.verdict().event().problems()).isNotEmpty();
            feed(parts.get(1), run);
            assertThat(publish(v2).verdict().event().accepted()).isTrue();
            feed(parts.get(2), run);
        } finally {
            // A savepoint, not a cancel: a cancelled job's open transaction would hide later alerts from
            // read_committed consumers (other tests among them) until it timed out. Drained: event time ends, so
            // the last signals, still waiting for the watermark, are judged too.
            job.stopWithSavepoint(true, dir.resolve("savepoint").toUri().toString(),
                    org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get();
        }

        List<RuleSetEvent> events = ruleSetEvents(eventsBefore);
        assertThat(events).filteredOn(e -> e.version().startsWith(run)).extracting(RuleSetEvent::version,
                RuleSetEvent::accepted).containsExactly(
                org.assertj.core.groups.Tuple.tuple(v1.version(), true),
                org.assertj.core.groups.Tuple.tuple(broken.version(), false),
                org.assertj.core.groups.Tuple.tuple(v2.version(), true));
        assertThat(events).filteredOn(e -> e.version().startsWith(run) && !e.accepted()).singleElement()
                .satisfies(e -> assertThat(e.problems()).isNotEmpty());
        try (RuleSetHistory history = new RuleSetHistory(ElasticsearchEndpoint.of(Stack.elasticsearch()))) {
            assertThat(history.publications(100)).filteredOn(p -> p.version().startsWith(run))
                    .extracting(RuleSetHistory.Publication::version)
                    .containsExactly(v2.version(), broken.version(), v1.version());
            assertThat(history.version(v1.version())).hasValue(v1);
        }

        List<Alert> alerts = Stack.alerts(alertsBefore, TopicOffsets.end(Stack.kafka(), Topics.ALERTS));
        Instant judgedBeforeV2 = cut2.minus(SURELY_JUDGED);
        assertThat(alerts).filteredOn(a -> a.raisedAt().isBefore(judgedBeforeV2)).isNotEmpty()
                .allSatisfy(a -> assertThat(a.ruleSetVersion()).isEqualTo(v1.version()));
        assertThat(alerts).filteredOn(a -> !a.raisedAt().isBefore(cut2)).isNotEmpty()
                .allSatisfy(a -> assertThat(a.ruleSetVersion()).isEqualTo(v2.version()));

        List<Alert> embedded = EmbeddedRun.run(new EmbeddedRun.Options(List.of(whole), dir.resolve("embedded"),
                        RuleSets.bundled(), EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(),
                        SignalCodec.defaults(), 2)).outputs().alerts();
        assertThat(judgements(alerts)).isNotEmpty().isEqualTo(judgements(embedded));
    }

    /** What an alert decided, whatever version's name it carries. */
    private static Set<String> judgements(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> a.enterpriseId() + "|" + a.triggerSignalId() + "|" + a.level() + "|" + a.score())
                .collect(Collectors.toSet());
    }

    private static Publications.Outcome publish(RuleSet rules) throws Exception {
        Publications.Outcome outcome = new Publications(Stack.kafka(),
                ElasticsearchEndpoint.of(Stack.elasticsearch()), Stack.ZONE, Clock.systemUTC())
                .publish(rules, NAME, "it", RuleSetHistory.Action.PUBLISH, null, Duration.ofMinutes(1));
        assertThat(outcome.notRecorded()).isNull();
        assertThat(outcome.verdict()).as("the job's word on %s", rules.version()).isNotNull();
        return outcome;
    }

    /** Produces a part and waits until the job has read all of it and committed what it judged. */
    private static void feed(Path part, String group) throws Exception {
        Stack.Range range = Stack.produce(List.of(part));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!reached(TopicOffsets.committed(Stack.kafka(), group, Topics.SIGNALS), range.to())) {
            assertThat(System.nanoTime()).as("the job reads " + part.getFileName()).isLessThan(deadline);
            Thread.sleep(200);
        }
        Thread.sleep(3_000); // a couple more checkpoints: the alerts judged from it are committed
    }

    private static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private static List<RuleSetEvent> ruleSetEvents(Map<TopicPartition, Long> from) {
        RecordCodec<RuleSetEvent> codec = RecordCodec.ruleSetEvents(Stack.ZONE);
        return TopicOffsets.read(Stack.kafka(), from, TopicOffsets.end(Stack.kafka(), Topics.RULE_EVENTS)).stream()
                .map(r -> codec.decode(new String(r.value(), StandardCharsets.UTF_8))).toList();
    }

    /**
     * The file's lines by event time: before cut1, before cut2, the rest; each part in event-time order, so the live
     * job, waiting a minute for out-of-order signals, judges them as a replay of the same lines does.
     */
    private List<Path> split(Path file, Instant cut1, Instant cut2) throws Exception {
        SignalCodec codec = SignalCodec.defaults();
        List<List<String>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String line : Stack.inEventTimeOrder(file)) {
            Instant at = ((Decoded.Accepted) codec.decode(line, "split")).signal().occurredAt();
            parts.get(at.isBefore(cut1) ? 0 : at.isBefore(cut2) ? 1 : 2).add(line);
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = dir.resolve("part-" + i + ".jsonl");
            Files.write(p, parts.get(i), StandardCharsets.UTF_8);
            paths.add(p);
        }
        return paths;
    }

    private Path concatenate(List<Path> parts) throws Exception {
        Path whole = dir.resolve("whole.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(whole, StandardCharsets.UTF_8)) {
            for (Path p : parts) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    w.write(line);
                    w.write('\n');
                }
            }
        }
        return whole;
    }
}
