package org.laborwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.E2;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.RecordCodec;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.connectors.kafka.RuleSetPublisher;
import org.laborwatch.connectors.kafka.TopicOffsets;
import org.laborwatch.connectors.kafka.Topics;
import org.laborwatch.rules.Signals;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.ruleset.Campaign;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;
import org.laborwatch.rules.ruleset.RuleSets;

/**
 * A campaign published into a live job on the stack, keyed by its name as {@code rules publish} does: the job keeps
 * the base rule set, reports the campaign accepted on lw.rules.events, and judges by it only the signals dated within
 * its days.
 */
class CampaignStackIT {
    private static final String E3 = CreditCode.withCheckCharacter("91370203MA3C00003");
    private static final Path WINTER = Path.of("..", "rules", "examples", "campaigns", "winter-wage-campaign");

    @TempDir
    Path dir;

    @Test
    void shouldJudgeBySignalDayAPublishedCampaignBesideTheBase() throws Exception {
        String run = "it-campaign-" + System.currentTimeMillis();
        Map<String, String> sources = new HashMap<>(RuleSets.fromDirectory(WINTER, null).sources());
        // Days long before the other stack tests' signals (generated years from 2025-03-01): lw.rules keeps this
        // campaign, and every live job started later on the same stack follows it.
        sources.put(Campaign.FILE, "name: " + run + "\nfrom: 2019-12-15\nuntil: 2020-01-24\n");
        RuleSet winter = new RuleSet(run + "-winter", sources);

        Map<TopicPartition, Long> alertsBefore = TopicOffsets.endOfLog(Stack.kafka(), Topics.ALERTS);
        Map<TopicPartition, Long> eventsBefore = TopicOffsets.endOfLog(Stack.kafka(), Topics.RULE_EVENTS);
        Map<TopicPartition, Long> signalsStart = TopicOffsets.endOfLog(Stack.kafka(), Topics.SIGNALS);
        // Only what this test publishes: campaigns of earlier runs on the same topic must not compete with it.
        Map<TopicPartition, Long> rulesStart = TopicOffsets.endOfLog(Stack.kafka(), Topics.RULES);
        StackRun.Options live = Stack.liveOptions(run, signalsStart, dir.resolve("checkpoints"));
        JobClient job = StackRun.start(new StackRun.Options(live.kafka(), live.jobName(), live.start(), live.end(),
                // Old signals fed to a quiet stream: event time must not jump to the wall clock and make them late.
                live.rules(), live.evaluators(), live.risk(), live.stream().withIdleAdvance(null), live.codec(),
                live.parallelism(),
                live.checkpointInterval(), live.checkpoints(), live.restoreFrom(), live.restPort(), live.delivery(),
                live.topics(), rulesStart));
        try {
            try (RuleSetPublisher publisher = new RuleSetPublisher(Stack.kafka(), Topics.RULES, Stack.ZONE)) {
                publisher.publish(winter, Campaign.of(winter).orElseThrow().name());
            }
            awaitEvent(eventsBefore, winter.version());
            // Sent again, as a rollback to the version in force is: nothing changes, and the job says so again, so a
            // publisher waiting for its answer hears one.
            Map<TopicPartition, Long> eventsBeforeRepeat = TopicOffsets.endOfLog(Stack.kafka(), Topics.RULE_EVENTS);
            try (RuleSetPublisher publisher = new RuleSetPublisher(Stack.kafka(), Topics.RULES, Stack.ZONE)) {
                publisher.publish(winter, Campaign.of(winter).orElseThrow().name());
            }
            awaitEvent(eventsBeforeRepeat, winter.version());
            Path signals = dir.resolve("signals.jsonl");
            SignalCodec codec = SignalCodec.defaults();
            Files.write(signals, List.of(
                    // Before the campaign's days: judged by the base set.
                    codec.encode(payrollDelay(E3, "2019-12-20T01:00:00Z")),
                    codec.encode(payrollDelay(E1, "2020-01-10T01:00:00Z")), // 09:00 on a campaign day
                    codec.encode(payrollDelay(E2, "2020-03-10T01:00:00Z"))), // after it
                    StandardCharsets.UTF_8);
            Stack.Range range = Stack.produce(List.of(signals));
            Stack.awaitCommitted(run, Topics.SIGNALS, range.to());
        } finally {
            // Drained: event time ends, so the signals still waiting for the watermark are judged too.
            job.stopWithSavepoint(true, dir.resolve("savepoint").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get();
        }

        assertThat(events(eventsBefore)).contains(new RuleSetEvent(winter.version(), true, List.of()));
        List<Alert> alerts = Stack.alerts(alertsBefore, TopicOffsets.end(Stack.kafka(), Topics.ALERTS));
        assertThat(alerts).filteredOn(a -> a.enterpriseId().equals(E1) || a.enterpriseId().equals(E2))
                .extracting(Alert::enterpriseId, Alert::ruleSetVersion)
                .containsExactly(tuple(E1, winter.version()));
    }

    private static Signal payrollDelay(String enterprise, String at) {
        return Signals.of(SignalType.PAYROLL_DELAY, enterprise, Instant.parse(at)); // a construction firm
    }

    private static void awaitEvent(Map<TopicPartition, Long> from, String version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (events(from).stream().noneMatch(e -> e.version().equals(version))) {
            assertThat(System.nanoTime()).as("the job reports on the campaign").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static List<RuleSetEvent> events(Map<TopicPartition, Long> from) {
        RecordCodec<RuleSetEvent> codec = RecordCodec.ruleSetEvents(Stack.ZONE);
        return TopicOffsets.read(Stack.kafka(), from, TopicOffsets.end(Stack.kafka(), Topics.RULE_EVENTS)).stream()
                .map(r -> codec.decode(new String(r.value(), StandardCharsets.UTF_8))).toList();
    }
}
