package org.laborwatch.engine.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.risk.Agency;
import org.laborwatch.rules.risk.Hit;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.risk.RiskSnapshot;

/** From the engine's snapshots to weekly samples: features, labels, and the samples that must not exist. */
class CalibrationSamplesTest {
    private static final Instant DAY_0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final long HALF_LIFE = Duration.ofDays(30).toMillis();
    private static final Duration HORIZON = Duration.ofDays(90);
    private static final List<String> RULES = List.of("A", "B");

    @Test
    void shouldSampleWeeklyUntilTheEruptionAndLabelTheHorizonBeforeIt() {
        HitHistory history = HitHistory.of(List.of(
                snapshot("E1", day(10), 40, hit("A", 40, day(10))),
                // a settlement's explanation: no points, not a feature
                snapshot("E1", day(40), 0, hit("OUT-002", 0, day(40)))), RULES);
        Outcomes outcomes = new Outcomes(DAY_0, day(364), 100, Map.of("E1", day(3)), Map.of("E1", day(150)));

        List<Samples.Sample> samples = Samples.weekly(history, outcomes, HORIZON, HALF_LIFE);

        assertThat(samples).extracting(Samples.Sample::at).allMatch(t -> t < day(150).toEpochMilli())
                .startsWith(day(7).toEpochMilli());
        assertThat(samples).filteredOn(s -> s.at() == day(14).toEpochMilli()).singleElement()
                .satisfies(s -> {
                    assertThat(s.rules()).containsExactly(0);
                    assertThat(s.x()[0]).isCloseTo(Math.pow(0.5, 4 / 30.0), org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(s.positive()).as("erupts 136 days later").isFalse();
                });
        assertThat(samples).filteredOn(s -> s.at() >= day(42).toEpochMilli()).allSatisfy(s -> {
            assertThat(s.rules()).as("settled").isEmpty();
            assertThat(s.positive()).isEqualTo(s.at() + HORIZON.toMillis() >= day(150).toEpochMilli());
        });
    }

    @Test
    void shouldLeaveOutSamplesWhoseHorizonRunsPastTheData() {
        HitHistory history = HitHistory.of(List.of(), RULES);
        Outcomes outcomes = new Outcomes(DAY_0, day(200), 10, Map.of("E2", day(0)), Map.of());

        List<Samples.Sample> samples = Samples.weekly(history, outcomes, HORIZON, HALF_LIFE);

        assertThat(samples).isNotEmpty().allSatisfy(s -> {
            assertThat(s.at() + HORIZON.toMillis()).isLessThanOrEqualTo(day(200).toEpochMilli());
            assertThat(s.positive()).isFalse();
        });
    }

    @Test
    void shouldReScoreASnapshotAsTheEngineScoredIt() {
        HitHistory history = HitHistory.of(List.of(
                snapshot("E1", day(30), 27.0, hit("A", 20, day(0)), hit("B", 17, day(30)))), RULES);

        assertThat(history.disagreements(new int[] {20, 17}, HALF_LIFE)).isZero();
        assertThat(history.disagreements(new int[] {30, 17}, HALF_LIFE)).isEqualTo(1);
    }

    private static Instant day(int n) {
        return DAY_0.plus(Duration.ofDays(n));
    }

    private static Hit hit(String rule, int points, Instant at) {
        return new Hit(rule, points, "reason", List.of("s"), at, List.of(Agency.HRSS), false);
    }

    private static RiskSnapshot snapshot(String enterprise, Instant asOf, double score, Hit... hits) {
        return new RiskSnapshot(enterprise, null, null, null, score, RiskLevel.forScore(score), asOf, List.of(hits),
                Map.of(), "v1");
    }
}
