package org.laborwatch.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.laborwatch.engine.risk.RiskOperatorHarness.snapshots;
import static org.laborwatch.engine.risk.RiskOperatorHarness.stateOf;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.E2;
import static org.laborwatch.rules.Signals.arrears;
import static org.laborwatch.rules.Signals.caseOutcome;
import static org.laborwatch.rules.Signals.complaint;
import static org.laborwatch.rules.Signals.consultation;
import static org.laborwatch.rules.Signals.day;
import static org.laborwatch.rules.Signals.from;
import static org.laborwatch.rules.Signals.wageArrears;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.engine.ruleset.RuleSetState;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;
import org.laborwatch.rules.ruleset.RuleSet;
import org.laborwatch.rules.ruleset.RuleSetEvent;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

class EnterpriseRiskFunctionTest {
    private static final RuleSet LIBRARY = RuleSets.bundled();
    private static final RiskConfig CONFIG = new RiskConfig(Duration.ofDays(30),
            SourceLateness.uniform(Duration.ofDays(3)), Duration.ofDays(7), Duration.ofDays(365), 20,
            RiskConfig.Snapshots.ON_CHANGE, Duration.ofDays(1));

    private KeyedBroadcastOperatorTestHarness<String, Signal, RuleSet, Alert> harness;
    private EnterpriseRiskFunction function;

    @BeforeEach
    void open() throws Exception {
        open(CONFIG);
    }

    private void open(RiskConfig config) throws Exception {
        open(config, null);
    }

    /** A new operator over the library, as a streaming job makes it (from {@code restored}, when given). */
    private void open(RiskConfig config, OperatorSubtaskState restored) throws Exception {
        function = new EnterpriseRiskFunction(LIBRARY, EvaluatorFactory.drools(SessionMode.LONG_LIVED), config,
                SignalCodec.defaults());
        harness = RiskOperatorHarness.open(function, restored);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** Event-time timers armed: one per distinct time a signal waits for, and each enterprise's TTL check. */
    private int queuedWakeUps() {
        return harness.numEventTimeTimers();
    }

    private long counted(String accumulator) {
        return ((Number) function.getRuntimeContext().getAccumulator(accumulator).getLocalValue()).longValue();
    }

    private void send(Signal signal) throws Exception {
        harness.processElement(signal, signal.occurredAtMillis());
    }

    /** Four months of arrears for 30 workers in construction: WAGE-001, -002, -003 and CST-001, 85 points. */
    private static Signal severeArrears(String enterprise, int day) {
        return wageArrears(enterprise, 4, 30, 700_000, day(day));
    }

    @Test
    void shouldJudgeNothingUntilTheWatermarkPassesTheSignal() throws Exception {
        send(severeArrears(E1, 0));

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(queuedWakeUps()).isEqualTo(1);

        harness.watermark(day(0).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::level).containsExactly(RiskLevel.RED);
    }

    @Test
    void shouldTakeEventTimeFromTheSignalsAloneEvenWhenTheyGoQuiet() throws Exception {
        // The rule-set stream says it is idle, always (SignalTime.ruleSetsNeverMoveEventTime), and a quiet night
        // marks the signal input idle too: event time must stay where the signals left it, not jump to the end,
        // forget E1 and make every later signal late.
        harness.getTwoInputOperator().processWatermarkStatus2(WatermarkStatus.IDLE);
        send(severeArrears(E1, 0));
        harness.processWatermark(new Watermark(day(0).toEpochMilli()));
        harness.getTwoInputOperator().processWatermarkStatus1(WatermarkStatus.IDLE);
        harness.getTwoInputOperator().processWatermarkStatus1(WatermarkStatus.ACTIVE);

        send(severeArrears(E1, 10));
        harness.processWatermark(new Watermark(day(10).toEpochMilli()));

        assertThat(harness.getSideOutput(EnterpriseRiskFunction.LATE)).as("nothing late").isNullOrEmpty();
        assertThat(harness.extractOutputValues()).extracting(Alert::previousScore)
                .as("the second alert starts from E1's remembered score").containsExactly(0.0, 67.5);
    }

    @Test
    void shouldExplainTheAlertWithHitsReasonsSignalsAndScores() throws Exception {
        Signal trigger = severeArrears(E1, 0);
        send(trigger);
        harness.watermark(day(1).toEpochMilli());

        Alert alert = harness.extractOutputValues().get(0);
        assertThat(alert.previousLevel()).isEqualTo(RiskLevel.NONE);
        assertThat(alert.previousScore()).isZero();
        assertThat(alert.score()).isEqualTo(85.0);
        assertThat(alert.triggerSignalId()).isEqualTo(trigger.id());
        assertThat(alert.raisedAt()).isEqualTo(trigger.occurredAt());
        assertThat(alert.ruleSetVersion()).isEqualTo(LIBRARY.version());
        assertThat(alert.hits()).extracting(Hit::ruleId).containsExactly("WAGE-001", "WAGE-002", "WAGE-003", "CST-001");
        assertThat(alert.hits()).extracting(Hit::reason).contains("拖欠工资已达 4 个月");
        assertThat(alert.signals()).extracting(s -> s.id()).containsExactly(trigger.id());
        // RED brings in all five agencies, the lead of the strongest hit first.
        assertThat(alert.agencies()).startsWith(Agency.HRSS).containsExactlyInAnyOrder(Agency.values());
    }

    @Test
    void shouldDropARedeliveredSignal() throws Exception {
        Signal signal = severeArrears(E1, 0);
        send(signal);
        send(signal);
        harness.watermark(day(0).toEpochMilli());
        send(signal);
        harness.watermark(day(1).toEpochMilli());

        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void shouldJudgeOutOfOrderSignalsInEventTimeOrder() throws Exception {
        // The consultation happened first; arriving second must not change what is judged when.
        Signal earlier = consultation(E1, day(0));
        Signal later = severeArrears(E1, 2);
        send(later);
        send(earlier);
        harness.watermark(day(3).toEpochMilli());

        Alert alert = harness.extractOutputValues().get(0);
        assertThat(alert.triggerSignalId()).isEqualTo(later.id());
        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RISK)).extracting(r -> r.getValue().asOf())
                .containsExactly(later.occurredAt());
    }

    @Test
    void shouldJudgeALateSignalWithinAllowedLatenessAtOnce() throws Exception {
        harness.watermark(day(10).toEpochMilli());

        send(severeArrears(E1, 8));

        assertThat(harness.extractOutputValues()).extracting(Alert::raisedAt).containsExactly(day(8));
    }

    @Test
    void shouldDeadLetterASignalLaterThanAllowed() throws Exception {
        harness.watermark(day(10).toEpochMilli());

        send(severeArrears(E1, 5));

        assertThat(harness.extractOutputValues()).isEmpty();
        List<DeadLetter> late = harness.getSideOutput(EnterpriseRiskFunction.LATE).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(late).hasSize(1);
        assertThat(late.get(0).reason().code()).isEqualTo(Rejection.LATE);
        assertThat(late.get(0).raw()).contains("\"type\":\"WAGE_ARREARS\"").contains(E1);
    }

    @Test
    void shouldJudgeMonthlySourcesDeliveredWeeksLateUnderTheConfiguredLateness() throws Exception {
        close();
        open(RiskConfig.defaults()); // config/laborwatch.properties: utilities and social insurance 45 days
        harness.watermark(day(40).toEpochMilli());

        send(from(SignalSource.UTILITY, arrears(SignalType.UTILITY_ARREARS, E1, 4, day(10))));
        send(from(SignalSource.SOCIAL_INSURANCE, arrears(SignalType.SOCIAL_INSURANCE_ARREARS, E1, 5, day(10))));

        assertThat(harness.getSideOutput(EnterpriseRiskFunction.LATE)).isNullOrEmpty();
        assertThat(counted(EnterpriseRiskFunction.ACC_LATE_JUDGED)).isEqualTo(2);
        assertThat(counted(EnterpriseRiskFunction.ACC_JUDGED)).isEqualTo(2);
        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RISK)).extracting(r -> r.getValue().features()
                .get("socialInsuranceMonthsMax")).contains(5.0);
    }

    @Test
    void shouldDeadLetterASignalBeyondItsSourcesLatenessNamingTheSourceAndTheLimit() throws Exception {
        close();
        open(RiskConfig.defaults());
        harness.watermark(day(60).toEpochMilli());

        send(from(SignalSource.HOTLINE_12345, complaint(E1, "P1", day(58)))); // 2 days: the hotline's limit is 1
        send(from(SignalSource.UTILITY, arrears(SignalType.UTILITY_ARREARS, E2, 2, day(10)))); // 50 days, limit 45

        List<DeadLetter> late = harness.getSideOutput(EnterpriseRiskFunction.LATE).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(late).extracting(d -> d.reason().code()).containsOnly(Rejection.LATE);
        assertThat(late).extracting(d -> d.reason().message()).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("HOTLINE_12345", "(1 d", "lateness.HOTLINE_12345", "2 d behind"),
                m -> assertThat(m).contains("UTILITY", "(45 d", "lateness.UTILITY", "50 d behind"));
        assertThat(counted(EnterpriseRiskFunction.ACC_JUDGED)).isZero();
    }

    @Test
    void shouldCountARedeliveryBeyondItsLatenessAsADuplicateNotADeadLetter() throws Exception {
        Signal signal = severeArrears(E1, 0);
        send(signal);
        harness.watermark(day(30).toEpochMilli());

        send(signal); // the same signal delivered again a month later: known, so simply a duplicate

        assertThat(harness.getSideOutput(EnterpriseRiskFunction.LATE)).isNullOrEmpty();
        assertThat(counted(EnterpriseRiskFunction.ACC_DUPLICATES)).isEqualTo(1);
    }

    @Test
    void shouldCountASignalFarAheadOfTheStreamAndJudgeItWhenEventTimeReachesIt() throws Exception {
        send(severeArrears(E1, 0));
        harness.watermark(day(10).toEpochMilli());

        send(severeArrears(E2, 200)); // a mistyped month: far ahead of everything else
        send(consultation(E1, day(11)));
        harness.watermark(day(12).toEpochMilli());

        assertThat(counted(EnterpriseRiskFunction.ACC_AHEAD)).isEqualTo(1);
        assertThat(harness.extractOutputValues()).extracting(Alert::enterpriseId).containsExactly(E1);
        harness.watermark(day(200).toEpochMilli());
        assertThat(harness.extractOutputValues()).extracting(Alert::enterpriseId).containsExactly(E1, E2);
        assertThat(harness.getSideOutput(EnterpriseRiskFunction.LATE)).isNullOrEmpty();
    }

    @Test
    void shouldSuppressARepeatOfTheSameLevelWithinTheWindow() throws Exception {
        send(severeArrears(E1, 0));
        send(wageArrears(E1, 5, 30, 800_000, day(3)));
        harness.watermark(day(4).toEpochMilli());

        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void shouldAlertOnEveryNewCriticalIncidentOutsideTheWindow() throws Exception {
        send(Signals.incident(E1, day(0)));
        send(Signals.incident(E1, day(2)));
        send(Signals.incident(E1, day(9)));
        harness.watermark(day(10).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::raisedAt).containsExactly(day(0), day(9));
        assertThat(harness.extractOutputValues()).allMatch(Alert::critical);
    }

    @Test
    void shouldKeepEnterprisesApart() throws Exception {
        send(severeArrears(E1, 0));
        send(consultation(E2, day(0)));
        harness.watermark(day(1).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::enterpriseId).containsExactly(E1);
    }

    @Test
    void shouldLetTheScoreCoolDownWithTheHalfLife() throws Exception {
        send(severeArrears(E1, 0));
        send(consultation(E1, day(30)));
        harness.watermark(day(31).toEpochMilli());

        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RISK)).extracting(r -> r.getValue().score())
                .containsExactly(85.0, 42.5);
    }

    @Test
    void shouldCountARepeatOffenderOnlyAfterASeparateRedEpisode() throws Exception {
        send(severeArrears(E1, 0));
        send(severeArrears(E1, 20));   // still the same dispute
        send(severeArrears(E1, 200));  // a new one, long after
        harness.watermark(day(201).toEpochMilli());

        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts.get(alerts.size() - 1).hits()).extracting(Hit::ruleId).contains("REP-001");
        // Features count the episodes that are over: none at day 0 or within it at day 20, one at day 200.
        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RISK)).extracting(r -> r.getValue().features()
                .get("redEpisodes")).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void shouldEmitOnlyTheFinalSnapshotPerEnterpriseWhenAskedTo() throws Exception {
        close();
        open(CONFIG.withSnapshots(RiskConfig.Snapshots.FINAL));
        send(severeArrears(E1, 0));
        send(severeArrears(E1, 3));
        send(Signals.incident(E2, day(1)));
        harness.watermark(day(5).toEpochMilli());
        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RISK)).isNull();

        harness.watermark(Long.MAX_VALUE); // the end of a bounded input

        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RISK)).extracting(StreamRecord::getValue)
                .extracting(r -> r.enterpriseId(), r -> r.asOf())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(E1, day(3)),
                        org.assertj.core.groups.Tuple.tuple(E2, day(1)));
    }

    @Test
    void shouldEmitAsFinalSnapshotExactlyTheLastSnapshotOnChange() throws Exception {
        List<Signal> signals = List.of(severeArrears(E1, 0), consultation(E1, day(2)), severeArrears(E1, 40),
                consultation(E1, day(45)));
        signals.forEach(this::sendUnchecked);
        harness.watermark(Long.MAX_VALUE);
        var onChange = harness.getSideOutput(EnterpriseRiskFunction.RISK);
        RiskSnapshot lastOnChange = onChange.stream().reduce((a, b) -> b).orElseThrow().getValue();
        close();

        open(CONFIG.withSnapshots(RiskConfig.Snapshots.FINAL));
        signals.forEach(this::sendUnchecked);
        harness.watermark(Long.MAX_VALUE);

        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RISK)).extracting(StreamRecord::getValue)
                .containsExactly(lastOnChange);
    }

    private void sendUnchecked(Signal signal) {
        try {
            send(signal);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldForgetAtTheTtlEvenWhileASignalWaitsAndJudgeThatSignalAfresh() throws Exception {
        send(severeArrears(E1, 0));
        harness.watermark(day(1).toEpochMilli());
        send(consultation(E1, day(366))); // waits for the watermark, past E1's TTL

        assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> harness.watermark(day(365).toEpochMilli() + 1_000));
        assertThat(queuedWakeUps()).isEqualTo(1); // only the waiting signal: E1's state is gone
        harness.watermark(day(367).toEpochMilli());

        assertThat(queuedWakeUps()).isEqualTo(1); // the fresh state's TTL check
        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RISK)).extracting(r -> r.getValue().asOf())
                .containsExactly(day(0)); // the consultation alone changes nothing worth a snapshot
    }

    @Test
    void shouldKeepTheEarlierCopyOfARedeliveryWhicheverArrivesFirst() throws Exception {
        Signal original = severeArrears(E1, 0);
        Signal later = new Signal(original.id(), original.type(), original.enterpriseId(), original.enterpriseName(),
                original.district(), original.industry(), original.source(), day(1), original.amount(),
                original.workers(), original.months(), original.attributes());
        send(later);
        send(original);
        harness.watermark(day(2).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::raisedAt).containsExactly(day(0));
    }

    @Test
    void shouldNotWindRiskBackInTimeForALateSignal() throws Exception {
        send(severeArrears(E1, 10));
        harness.watermark(day(10).toEpochMilli());

        send(severeArrears(E1, 8)); // late but allowed

        List<RiskSnapshot> snapshots = harness.getSideOutput(EnterpriseRiskFunction.RISK).stream()
                .map(StreamRecord::getValue).toList();
        RiskSnapshot last = snapshots.get(snapshots.size() - 1);
        assertThat(last.asOf()).isEqualTo(day(10));
        assertThat(last.hits()).extracting(Hit::at).containsOnly(day(10));
        assertThat(last.score()).isEqualTo(85.0);
    }

    @Test
    void shouldDropARedeliveryThatClaimsAnotherTime() throws Exception {
        Signal original = severeArrears(E1, 0);
        Signal corrected = new Signal(original.id(), original.type(), original.enterpriseId(),
                original.enterpriseName(), original.district(), original.industry(), original.source(), day(1),
                original.amount(), original.workers(), original.months(), original.attributes());
        send(original);
        send(corrected);
        harness.watermark(day(2).toEpochMilli());

        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RISK)).hasSize(1);
    }

    @Test
    void shouldGiveTheSameAlertIdOnReplay() throws Exception {
        Signal signal = severeArrears(E1, 0);
        send(signal);
        harness.watermark(day(1).toEpochMilli());
        String first = harness.extractOutputValues().get(0).id();

        close();
        open();
        send(signal);
        harness.watermark(day(1).toEpochMilli());

        assertThat(harness.extractOutputValues().get(0).id()).isEqualTo(first);
    }

    @Test
    void shouldJudgeWaitingSignalsAfterARestoreFromASnapshot() throws Exception {
        send(severeArrears(E1, 0));
        harness.watermark(day(1).toEpochMilli());
        send(severeArrears(E2, 10)); // still waiting for the watermark when the snapshot is taken
        OperatorSubtaskState snapshot = harness.snapshot(1L, 0L);
        close();

        open(CONFIG, snapshot);
        assertThat(queuedWakeUps()).isEqualTo(2); // E1's TTL check and E2's waiting signal
        harness.watermark(day(10).toEpochMilli());
        assertThat(harness.extractOutputValues()).extracting(Alert::enterpriseId).containsExactly(E2);

        harness.watermark(day(370).toEpochMilli());
        try (var keys = harness.getOperator().getKeyedStateBackend()
                .getKeys(EnterpriseRiskFunction.STATE.getName(), VoidNamespace.INSTANCE)) {
            assertThat(keys).containsExactly(E2); // E1 forgotten after its TTL, E2 not yet
        }
    }

    @Test
    void shouldNotWaitAgainAfterARestoreForASignalJudgedBeforeTheLaterSnapshot() throws Exception {
        send(severeArrears(E2, 10));
        harness.snapshot(1L, 0L); // E2's signal waiting
        harness.watermark(day(10).toEpochMilli());
        assertThat(harness.extractOutputValues()).hasSize(1);
        OperatorSubtaskState second = harness.snapshot(2L, 0L); // judged by now
        close();

        open(CONFIG, second);
        assertThat(queuedWakeUps()).isEqualTo(1); // E2's TTL check only
        harness.watermark(day(20).toEpochMilli());

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void shouldForgetAtTheTtlBeforeJudgingASignalOfTheSameInstant() throws Exception {
        send(severeArrears(E1, 0));
        send(severeArrears(E2, 0));
        harness.watermark(day(1).toEpochMilli());
        harness.getOutput().clear();
        send(severeArrears(E1, 365)); // exactly at E1's TTL: the TTL check goes first, so E1 starts afresh
        send(severeArrears(E2, 364)); // a day before E2's: E2 is remembered, a repeat offender

        harness.watermark(day(366).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::enterpriseId, a -> a.hits().stream()
                        .anyMatch(h -> h.ruleId().equals("REP-001")))
                .containsExactlyInAnyOrder(tuple(E1, false), tuple(E2, true));
    }

    @Test
    void shouldForgetAnEnterpriseSilentForItsTtl() throws Exception {
        send(severeArrears(E1, 0));
        harness.watermark(day(1).toEpochMilli());
        assertThat(queuedWakeUps()).isEqualTo(1); // the TTL check

        harness.watermark(day(366).toEpochMilli());

        assertThat(queuedWakeUps()).isZero();
        try (var keys = harness.getOperator().getKeyedStateBackend()
                .getKeys(EnterpriseRiskFunction.STATE.getName(), VoidNamespace.INSTANCE)) {
            assertThat(keys).isEmpty();
        }
    }

    @Test
    void shouldSwapInAPublishedRuleSetForAllKeys() throws Exception {
        RuleSet strict = new RuleSet("strict-1", Map.of("c.drl", Signals.CONSULTATION_RULE));
        harness.processBroadcastElement(strict, 0L);
        send(consultation(E1, day(0)));
        harness.watermark(day(1).toEpochMilli());

        assertThat(harness.getBroadcastState(RuleSetState.DESCRIPTOR).get(RuleSetState.ACTIVE)).isEqualTo(strict);
        assertThat(harness.extractOutputValues()).extracting(Alert::ruleSetVersion).containsExactly("strict-1");
        assertThat(harness.getSideOutput(EnterpriseRiskFunction.RULE_SET_EVENTS)).extracting(StreamRecord::getValue)
                .containsExactly(new RuleSetEvent("strict-1", true, List.of()));
    }

    /** A consultation rule made to throw where {@code part} says, on every consultation: no "count" attribute. */
    private static String throwingIn(String part) {
        String rule = Signals.CONSULTATION_RULE.replace("package laborwatch.strict", "package laborwatch.faulty")
                .replace("any consultation is critical", "reads what is not there").replace("STRICT-1", "FAULTY-1");
        return part.equals("consequence")
                ? rule.replace("hits.add(drools.getRule(), \"咨询\");",
                        "hits.add(drools.getRule(), \"第 \" + Integer.parseInt(\"none\") + \" 次\");")
                : rule.replace("signalType == SignalType.CONSULTATION",
                        "signalType == SignalType.CONSULTATION, Integer.parseInt(signal().attribute(\"count\")) > 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"consequence", "condition"})
    void shouldQuarantineARuleThatThrowsAndReportItWhileTheOtherRulesStillJudge(String part) throws Exception {
        RuleSet withFaultyRule = new RuleSet("faulty-1", Map.of("c.drl", Signals.CONSULTATION_RULE,
                "f.drl", throwingIn(part)));
        harness.processBroadcastElement(withFaultyRule, 0L);
        send(consultation(E1, day(0)));
        send(consultation(E2, day(0)));
        harness.watermark(day(1).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::enterpriseId, Alert::ruleSetVersion)
                .containsExactlyInAnyOrder(tuple(E1, "faulty-1"), tuple(E2, "faulty-1"));
        List<RuleSetEvent> events = harness.getSideOutput(EnterpriseRiskFunction.RULE_SET_EVENTS).stream()
                .map(r -> (RuleSetEvent) r.getValue()).toList();
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).extracting(RuleSetEvent::version,
                RuleSetEvent::accepted).containsExactly("faulty-1", true));
        assertThat(events.get(1).problems()).singleElement().asString().contains(
                "rule FAULTY-1 \"reads what is not there\" quarantined: its " + part + " threw",
                "NumberFormatException");
        assertThat(counted(EnterpriseRiskFunction.ACC_RULE_INCIDENTS)).isEqualTo(1);
        assertThat(counted(EnterpriseRiskFunction.ACC_RULE_ERRORS)).isZero();
    }

    @Test
    void shouldKeepTheRunningRuleSetWhenAPublishedOneFailsToCompile() throws Exception {
        harness.processBroadcastElement(new RuleSet("broken-1", Map.of("b.drl", "rule \"x\" when then")), 0L);
        send(severeArrears(E1, 0));
        harness.watermark(day(1).toEpochMilli());

        assertThat(harness.extractOutputValues()).extracting(Alert::ruleSetVersion).containsExactly(LIBRARY.version());
        RuleSetEvent event = (RuleSetEvent) harness.getSideOutput(EnterpriseRiskFunction.RULE_SET_EVENTS).peek()
                .getValue();
        assertThat(event.accepted()).isFalse();
        assertThat(event.problems()).isNotEmpty();
    }

    @Test
    void shouldDropARedEnterpriseWhoseCaseIsSettledWithWagesRecovered() throws Exception {
        send(severeArrears(E1, 0));
        Signal settled = caseOutcome(E1, "MEDIATED", 700_000, day(5));
        send(settled);
        harness.watermark(day(6).toEpochMilli());

        assertThat(snapshots(harness)).extracting(RiskSnapshot::asOf, RiskSnapshot::level)
                .containsExactly(tuple(day(0), RiskLevel.RED), tuple(day(5), RiskLevel.NONE));
        RiskSnapshot atSettlement = snapshots(harness).get(1);
        assertThat(atSettlement.score()).isZero();
        // The settling rule says why the score fell, for no points; nothing else counts any more.
        assertThat(atSettlement.hits()).extracting(Hit::ruleId, Hit::points, Hit::signalIds)
                .containsExactly(tuple("OUT-002", 0, List.of(settled.id())));
        assertThat(atSettlement.hits().get(0).reason()).contains("调解", "700000");
        assertThat(harness.extractOutputValues()).extracting(Alert::level).containsExactly(RiskLevel.RED);
        assertThat(stateOf(harness, E1).hits).isEmpty();
        assertThat(stateOf(harness, E1).settledAt).isEqualTo(day(5).toEpochMilli());
    }

    @Test
    void shouldEmitASnapshotAtASettlementEvenWhenTheLevelStays() throws Exception {
        send(Signals.payrollDelay(E1, day(0)));
        send(Signals.payrollDelay(E1, day(1))); // PAY-001: 15 points, still NONE
        send(caseOutcome(E1, "JUDGED", 40_000, day(3)));
        harness.watermark(day(4).toEpochMilli());

        assertThat(snapshots(harness)).extracting(RiskSnapshot::asOf, RiskSnapshot::level, RiskSnapshot::score)
                .containsExactly(tuple(day(1), RiskLevel.NONE, 15.0), tuple(day(3), RiskLevel.NONE, 0.0));
    }

    @ParameterizedTest(name = "{0} recovering {1} yuan")
    @CsvSource({"WITHDRAWN, 700000", "TRANSFERRED, 700000", "MEDIATED, 0"})
    void shouldNotSettleACaseThatRecoveredNothingForCertain(String outcome, long recovered) throws Exception {
        send(severeArrears(E1, 0));
        send(caseOutcome(E1, outcome, recovered, day(1))); // a day later 85 points have cooled to 83: still RED
        harness.watermark(day(2).toEpochMilli());

        assertThat(snapshots(harness)).extracting(RiskSnapshot::asOf).as("nothing changed").containsExactly(day(0));
        assertThat(stateOf(harness, E1).hits).containsOnlyKeys("WAGE-001", "WAGE-002", "WAGE-003", "CST-001");
        assertThat(stateOf(harness, E1).settledAt).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldAddNothingForALateSignalDatedBeforeTheSettlement() throws Exception {
        send(severeArrears(E1, 0));
        send(caseOutcome(E1, "MEDIATED", 700_000, day(10)));
        harness.watermark(day(10).toEpochMilli());
        int snapshotsBefore = snapshots(harness).size();

        send(wageArrears(E1, 5, 40, 800_000, day(8))); // late, within the lateness: judged, but settled already

        assertThat(counted(EnterpriseRiskFunction.ACC_LATE_JUDGED)).isEqualTo(1);
        assertThat(harness.extractOutputValues()).hasSize(1); // the RED of day 0, nothing since
        assertThat(snapshots(harness)).hasSize(snapshotsBefore);
        assertThat(stateOf(harness, E1).hits).isEmpty();
        assertThat(stateOf(harness, E1).score).isZero();
    }

    @Test
    void shouldEndWithTheSameRiskWhetherASignalFromBeforeTheSettlementCameInTimeOrLate() throws Exception {
        Signal before = severeArrears(E1, 0);
        Signal late = wageArrears(E1, 5, 40, 800_000, day(8));
        Signal settled = caseOutcome(E1, "ARBITRATED", 900_000, day(10));
        Signal after = consultation(E1, day(12));
        for (Signal s : List.of(before, late, settled, after)) {
            send(s);
            harness.watermark(s.occurredAtMillis());
        }
        EnterpriseState inTime = stateOf(harness, E1);
        close();

        open();
        for (Signal s : List.of(before, settled, late, after)) { // the arrears of day 8 come after the settlement
            send(s);
            harness.watermark(Math.max(s.occurredAtMillis(), settled.occurredAtMillis()));
        }

        EnterpriseState arrivedLate = stateOf(harness, E1);
        assertThat(arrivedLate.hits).isEqualTo(inTime.hits).isEmpty();
        assertThat(arrivedLate.score).isEqualTo(inTime.score);
        assertThat(arrivedLate.level).isEqualTo(inTime.level);
        assertThat(arrivedLate.settledAt).isEqualTo(inTime.settledAt);
        assertThat(arrivedLate.history.getTraces()).isEqualTo(inTime.history.getTraces());
    }

    @Test
    void shouldWeighNewArrearsSoonAfterARecoveryMoreAndAlertAgain() throws Exception {
        send(severeArrears(E1, 0));
        send(caseOutcome(E1, "MEDIATED", 700_000, day(3)));
        Signal again = wageArrears(E1, 1, 3, 9_000, day(5));
        send(again);
        harness.watermark(day(6).toEpochMilli());

        // RED two days after a RED alert is no repeat: the matter of the first was settled in between.
        List<Alert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(Alert::raisedAt).containsExactly(day(0), day(5));
        Alert repeat = alerts.get(1);
        assertThat(repeat.triggerSignalId()).isEqualTo(again.id());
        assertThat(repeat.previousScore()).isZero();
        assertThat(repeat.hits()).extracting(Hit::ruleId).contains("OUT-003")
                .doesNotContain("OUT-002"); // a settlement counts no points and explains no later alert
        assertThat(repeat.hits()).filteredOn(h -> h.ruleId().equals("OUT-003")).singleElement()
                .satisfies(h -> {
                    assertThat(h.points()).isEqualTo(25);
                    assertThat(h.agencies()).containsExactly(Agency.HRSS, Agency.UNION, Agency.PROCURATORATE);
                    assertThat(h.reason()).contains("700000");
                });
        assertThat(repeat.hits()).allSatisfy(h -> assertThat(h.at()).isEqualTo(day(5)));
    }

    @Test
    void shouldJudgeASettlementTheSameWhateverTheOrderItsSignalsArriveIn() throws Exception {
        List<Signal> signals = List.of(severeArrears(E1, 0), complaint(E1, "P1", day(2)),
                caseOutcome(E1, "MEDIATED", 700_000, day(10)), wageArrears(E1, 2, 12, 60_000, day(20)),
                complaint(E1, "P2", day(25)), Signals.payrollDelay(E1, day(10)));
        List<Object> first = null;
        for (List<Signal> order : List.of(signals, reversed(signals), List.of(signals.get(3), signals.get(0),
                signals.get(5), signals.get(2), signals.get(4), signals.get(1)))) {
            close();
            open();
            order.forEach(this::sendUnchecked);
            harness.watermark(day(30).toEpochMilli());
            List<Object> outputs = List.of(harness.extractOutputValues(), snapshots(harness), stateOf(harness, E1).hits,
                    stateOf(harness, E1).score);
            if (first == null) {
                first = outputs;
                assertThat(harness.extractOutputValues()).extracting(a -> a.raisedAt()).contains(day(20));
            }
            assertThat(outputs).as("in the order " + order.stream().map(s -> s.occurredAt().toString()).toList())
                    .isEqualTo(first);
        }
    }

    private static List<Signal> reversed(List<Signal> signals) {
        List<Signal> copy = new java.util.ArrayList<>(signals);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** Signals and rules only these tests need. */
    static final class Signals {
        static final String CONSULTATION_RULE = """
                package laborwatch.strict
                import org.laborwatch.rules.feature.EnterpriseFeatures
                import org.laborwatch.rules.fact.SignalType
                import org.laborwatch.rules.ruleset.Findings
                global Findings hits
                rule "any consultation is critical"
                    @id("STRICT-1") @points(50) @agencies("UNION") @critical(true)
                when
                    EnterpriseFeatures( signalType == SignalType.CONSULTATION )
                then
                    hits.add(drools.getRule(), "咨询");
                end
                """;

        static Signal payrollDelay(String enterprise, java.time.Instant at) {
            return org.laborwatch.rules.Signals.of(SignalType.PAYROLL_DELAY, enterprise, at);
        }

        static Signal incident(String enterprise, java.time.Instant at) {
            return org.laborwatch.rules.Signals.withWorkers(SignalType.COLLECTIVE_INCIDENT, enterprise, 40, at);
        }
    }
}
