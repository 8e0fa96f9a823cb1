package org.laborwatch.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.E2;
import static org.laborwatch.rules.Signals.arrears;
import static org.laborwatch.rules.Signals.complaint;
import static org.laborwatch.rules.Signals.consultation;
import static org.laborwatch.rules.Signals.day;
import static org.laborwatch.rules.Signals.of;
import static org.laborwatch.rules.Signals.wageArrears;
import static org.laborwatch.rules.Signals.withWorkers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.connectors.json.DeadLetter;
import org.laborwatch.connectors.json.Rejection;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.engine.risk.RiskConfig;
import org.laborwatch.engine.ruleset.EvaluatorFactory;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.Alert;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.ruleset.RuleSets;
import org.laborwatch.rules.ruleset.SessionMode;

/**
 * The whole job on a Flink MiniCluster, files in and out: an enterprise whose trouble builds into a dispute, one
 * that only asks questions, and lines no source should ever send.
 */
class PlantedSignalsIT {
    @TempDir
    static Path dir;
    static EmbeddedRun.Outcome outcome;
    static List<String> malformed = List.of(
            "{not json",
            "{\"id\":\"X1\",\"type\":\"STRIKE\",\"enterpriseId\":\"" + E1 + "\",\"occurredAt\":\"2025-06-02T10:00:00+08:00\"}",
            "{\"id\":\"X2\",\"type\":\"COMPLAINT\",\"enterpriseId\":\"91350100M000100Y44\",\"occurredAt\":\"2025-06-02T10:00:00+08:00\"}",
            "{\"id\":\"X3\",\"type\":\"WAGE_ARREARS\",\"amount\":-1,\"enterpriseId\":\"" + E1 + "\",\"occurredAt\":\"2025-06-02T10:00:00+08:00\"}");

    /** A dispute building over three months, then erupting with a collective incident on day 100. */
    static List<Signal> troubled() {
        List<Signal> s = new ArrayList<>();
        s.add(arrears(SignalType.SOCIAL_INSURANCE_ARREARS, E1, 1, day(0)));
        s.add(arrears(SignalType.UTILITY_ARREARS, E1, 1, day(10)));
        s.add(arrears(SignalType.SOCIAL_INSURANCE_ARREARS, E1, 2, day(30)));
        s.add(arrears(SignalType.UTILITY_ARREARS, E1, 2, day(40)));
        s.add(arrears(SignalType.SOCIAL_INSURANCE_ARREARS, E1, 3, day(60)));
        s.add(of(SignalType.PAYROLL_DELAY, E1, day(62)));
        s.add(of(SignalType.PAYROLL_DELAY, E1, day(75)));
        for (int i = 0; i < 5; i++) {
            s.add(complaint(E1, "P" + i, day(80 + i)));
        }
        s.add(wageArrears(E1, 2, 40, 320_000, day(95)));
        s.add(withWorkers(SignalType.COLLECTIVE_INCIDENT, E1, 40, day(100)));
        return s;
    }

    static List<Signal> clean() {
        List<Signal> s = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            s.add(consultation(E2, day(i * 20)));
        }
        return s;
    }

    @BeforeAll
    static void runTheJob() throws Exception {
        SignalCodec codec = SignalCodec.defaults();
        List<Signal> signals = new ArrayList<>(troubled());
        signals.addAll(clean());
        signals.sort(Comparator.comparing(Signal::occurredAt));
        List<String> lines = new ArrayList<>(malformed);
        signals.forEach(s -> lines.add(codec.encode(s)));
        lines.add(codec.encode(signals.get(3))); // a redelivery
        Path input = dir.resolve("signals.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);

        outcome = EmbeddedRun.run(new EmbeddedRun.Options(List.of(input), dir.resolve("out"), RuleSets.bundled(),
                EvaluatorFactory.drools(SessionMode.LONG_LIVED), RiskConfig.defaults(), codec,
                2));
    }

    @Test
    void shouldWarnBeforeTheEruptionAndEscalateAtIt() {
        List<Alert> alerts = outcome.outputs().alerts().stream().filter(a -> a.enterpriseId().equals(E1)).toList();

        assertThat(alerts).extracting(Alert::level).contains(RiskLevel.ORANGE, RiskLevel.RED);
        Alert firstOrange = alerts.stream().filter(a -> a.level().isAtLeast(RiskLevel.ORANGE)).findFirst()
                .orElseThrow();
        assertThat(firstOrange.raisedAt()).isBefore(day(100));
        Alert incident = alerts.stream().filter(Alert::critical).findFirst().orElseThrow();
        assertThat(incident.raisedAt()).isEqualTo(day(100));
        assertThat(incident.hits()).extracting(Hit::ruleId).contains("COL-001", "CMP-002", "PAY-001");
    }

    @Test
    void shouldRaiseNothingForAnEnterpriseThatOnlyAsksQuestions() {
        assertThat(outcome.outputs().alerts()).noneMatch(a -> a.enterpriseId().equals(E2));
    }

    @Test
    void shouldDeadLetterEveryBadLineWithItsReasonAndLine() {
        assertThat(outcome.outputs().deadLetters())
                .extracting(d -> d.reason().code(), DeadLetter::origin)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Rejection.MALFORMED_JSON, "signals.jsonl:1"),
                        org.assertj.core.groups.Tuple.tuple(Rejection.UNKNOWN_TYPE, "signals.jsonl:2"),
                        org.assertj.core.groups.Tuple.tuple(Rejection.BAD_CREDIT_CODE, "signals.jsonl:3"),
                        org.assertj.core.groups.Tuple.tuple(Rejection.NEGATIVE_NUMBER, "signals.jsonl:4"));
        assertThat(outcome.outputs().deadLetters()).extracting(DeadLetter::raw).containsExactlyInAnyOrderElementsOf(
                malformed);
    }

    @Test
    void shouldCountEverySignalOnceAndTheRedeliveryAsADuplicate() {
        assertThat(outcome.counter("signals-read")).isEqualTo(malformed.size() + troubled().size() + clean().size() + 1);
        assertThat(outcome.counter("signals-judged")).isEqualTo(troubled().size() + clean().size());
        assertThat(outcome.counter("signals-duplicate")).isEqualTo(1);
    }

    @Test
    void shouldWriteTheLatestRiskOfEachEnterprise() throws Exception {
        assertThat(outcome.outputs().risk()).extracting(r -> r.enterpriseId()).containsExactly(E1);
        assertThat(outcome.outputs().risk().get(0).level()).isEqualTo(RiskLevel.RED);
        assertThat(Files.readAllLines(outcome.outputs().alertsFile())).hasSameSizeAs(outcome.outputs().alerts());
    }
}
