package org.laborwatch.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.laborwatch.engine.risk.RiskOperatorHarness.late;
import static org.laborwatch.engine.risk.RiskOperatorHarness.snapshots;
import static org.laborwatch.engine.risk.RiskOperatorHarness.stateOf;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.E2;
import static org.laborwatch.rules.Signals.caseOutcome;
import static org.laborwatch.rules.Signals.consultation;
import static org.laborwatch.rules.Signals.wageArrears;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.ingest.BodyOfStreamWatermarks;
import org.laborwatch.engine.ingest.StreamTime;
import org.laborwatch.engine.ingest.WallClockWhenQuiet;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.fact.CreditCode;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * The risk operator behind one partition of a live stream that goes quiet ({@link WallClockWhenQuiet}, with the
 * bundled settings): what the demo's live job does with the demo year (2025-03-01 to 2026-03-01) when a case outcome
 * dated now (2026-11-30) arrives, months after the year's last signal.
 */
class QuietStreamTest {
    private static final StreamTime STREAM = StreamTime.defaults();
    private static final Duration PERIOD = Duration.ofMillis(200);
    private static final Instant NOW = Instant.parse("2026-11-30T05:41:00Z");
    private static final String E3 = CreditCode.withCheckCharacter("91370203MA3C00003");

    private final ManualClock activity = new ManualClock(0);
    private final ManualClock wall = new ManualClock(NOW.toEpochMilli() * 1_000_000);
    private final WatermarkGenerator<Signal> partition = new WallClockWhenQuiet<>(
            new WatermarksWithIdleness<>(new BodyOfStreamWatermarks<>(STREAM), STREAM.partitionIdleness(), activity),
            STREAM.idleAdvance(), STREAM.outOfOrderness(), activity, wall);
    private final WatermarkOutput toOperator = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            try {
                harness.watermark(watermark.getTimestamp());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }
    };
    private KeyedBroadcastOperatorTestHarness<String, Signal, RuleSet, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        EnterpriseRiskFunction function = new EnterpriseRiskFunction(RuleSets.bundled(),
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(), SignalCodec.defaults());
        harness = RiskOperatorHarness.open(function, null);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** A record read from the partition: to the operator, and to the partition's event time, as the source does. */
    private void arrive(Signal signal) throws Exception {
        harness.processElement(signal, signal.occurredAtMillis());
        partition.onEvent(signal, signal.occurredAtMillis(), toOperator);
        partition.onPeriodicEmit(toOperator);
    }

    /** Quiet: the wall clock runs, the partition's event time is asked every period. */
    private void quiet(Duration duration) {
        for (long done = 0; done < duration.toMillis(); done += PERIOD.toMillis()) {
            activity.advanceTime(PERIOD);
            wall.advanceTime(PERIOD);
            partition.onPeriodicEmit(toOperator);
        }
    }

    private Instant wallNow() {
        return Instant.ofEpochMilli(wall.absoluteTimeMillis());
    }

    /** Four months of arrears for 30 construction workers: 85 points, RED. */
    private static Signal severeArrears(String enterprise, Instant at) {
        return wageArrears(enterprise, 4, 30, 700_000, at);
    }

    private static Instant date(String day) {
        return Instant.parse(day + "T02:00:00Z");
    }

    @Test
    void shouldJudgeACaseOutcomeDatedNowAboutAMinuteAfterItArrivesOnAQuietStream() throws Exception {
        arrive(severeArrears(E1, NOW.minus(Duration.ofHours(2))));
        assertThat(harness.extractOutputValues()).as("one signal is no quorum: it waits").isEmpty();

        quiet(STREAM.idleAdvance().plus(PERIOD));
        assertThat(harness.extractOutputValues()).extracting(Alert::level).containsExactly(RiskLevel.RED);

        Signal outcome = caseOutcome(E1, "MEDIATED", 1_280_000, wallNow());
        arrive(outcome);
        quiet(STREAM.idleAdvance().minus(PERIOD));
        assertThat(snapshots(harness)).as("it may still wait for earlier signals").hasSize(1);

        quiet(PERIOD.multipliedBy(2));
        assertThat(snapshots(harness)).extracting(RiskSnapshot::asOf, RiskSnapshot::level, RiskSnapshot::score)
                .last().isEqualTo(tuple(outcome.occurredAt(), RiskLevel.NONE, 0.0));
    }

    /**
     * The jump from the demo year's end to now: everything still waiting is judged, and each enterprise whose TTL
     * (365 days of silence) fell due in between is forgotten, quietly: its last published risk stays where it is until
     * a new signal of it arrives. A signal of the year arriving after the jump is late by months.
     */
    @Test
    void shouldJudgeWhatWaitedAndForgetEnterprisesSilentForTheirTtlWhenEventTimeJumpsToNow() throws Exception {
        arrive(severeArrears(E1, date("2025-06-02"))); // silent since: past its TTL by now
        arrive(severeArrears(E2, date("2026-02-20"))); // within it
        arrive(consultation(E3, date("2026-02-25")));
        arrive(consultation(E3, date("2026-02-26")));
        arrive(consultation(E3, date("2026-02-27"))); // the year's last signals: a quorum, event time at 02-25
        assertThat(harness.extractOutputValues()).extracting(Alert::enterpriseId).containsExactly(E1, E2);
        List<RiskSnapshot> beforeTheJump = snapshots(harness);
        assertThat(harness.numEventTimeTimers()).as("the last two wait, and three TTL checks").isEqualTo(5);

        quiet(STREAM.idleAdvance().plus(PERIOD));

        assertThat(harness.numEventTimeTimers()).as("E2's and E3's TTL checks").isEqualTo(2);
        assertThat(stateOf(harness, E1)).isNull();
        assertThat(stateOf(harness, E2).level).isEqualTo(RiskLevel.RED);
        assertThat(stateOf(harness, E3).lastJudgedAt).isEqualTo(date("2026-02-27").toEpochMilli());
        assertThat(snapshots(harness)).as("no snapshot for the forgotten, none for the idle")
                .filteredOn(s -> !s.enterpriseId().equals(E3)).isEqualTo(beforeTheJump);

        arrive(severeArrears(E2, date("2026-02-21"))); // the year's, redelivered months late
        Signal outcome = caseOutcome(E1, "MEDIATED", 1_280_000, wallNow());
        arrive(outcome);
        quiet(STREAM.idleAdvance().plus(PERIOD.multipliedBy(2)));

        assertThat(late(harness)).extracting(DeadLetter::reason).extracting(DeadLetter.Reason::code)
                .containsExactly(Rejection.LATE);
        assertThat(snapshots(harness)).extracting(RiskSnapshot::enterpriseId, RiskSnapshot::asOf, RiskSnapshot::level)
                .last().isEqualTo(tuple(E1, outcome.occurredAt(), RiskLevel.NONE));
    }
}
