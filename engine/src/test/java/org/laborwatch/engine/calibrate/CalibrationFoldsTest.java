package org.laborwatch.engine.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Time-ordered folds: each held-out month is scored by a fit that never saw it, nor any label known only later. */
class CalibrationFoldsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration HORIZON = Duration.ofDays(90);
    private static final long START = LocalDate.of(2025, 3, 1).atStartOfDay(ZONE).toInstant().toEpochMilli();
    private static final int[] TODAY = {20, 20, 20};

    private final List<Samples.Sample> samples = SyntheticHits.draw(new int[] {40, 10, 0}, 52 * 400, 400, START, 11);
    private final Outcomes outcomes = new Outcomes(java.time.Instant.ofEpochMilli(START),
            java.time.Instant.ofEpochMilli(START + 52 * SyntheticHits.WEEK), samples.size(), Map.of(), Map.of());

    @Test
    void shouldFitEachFoldOnlyOnSamplesWhoseHorizonEndedBeforeItsMonth() {
        TimeOrderedValidation.Result result = TimeOrderedValidation.run(samples, outcomes, HORIZON, ZONE,
                PointsMapping.orange(0.5), TODAY);

        assertThat(result.folds()).isNotEmpty();
        for (TimeOrderedValidation.Fold fold : result.folds()) {
            assertThat(fold.latestTrainingSampleAt() + HORIZON.toMillis()).as("fold %s", fold.month())
                    .isLessThanOrEqualTo(fold.start());
        }
        assertThat(result.folds().get(0).month()).isEqualTo(YearMonth.of(2025, 8));
    }

    @Test
    void shouldFitTheSameWeightsWhateverTheHeldOutMonthsOutcomesWere() {
        YearMonth month = YearMonth.of(2025, 10);
        long monthStart = month.atDay(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
        // Every outcome from the month's start on reversed: the month itself, and the later ones its fit must not see.
        List<Samples.Sample> flipped = samples.stream().map(s -> s.at() + HORIZON.toMillis() > monthStart
                ? new Samples.Sample(s.at(), s.rules(), s.x(), !s.positive()) : s).toList();

        TimeOrderedValidation.Fold original = TimeOrderedValidation.fold(samples, month, ZONE, HORIZON, 1,
                PointsMapping.orange(0.5), TODAY);
        TimeOrderedValidation.Fold changed = TimeOrderedValidation.fold(flipped, month, ZONE, HORIZON, 1,
                PointsMapping.orange(0.5), TODAY);

        assertThat(changed.weights().w()).containsExactly(original.weights().w());
        assertThat(changed.weights().bias()).isEqualTo(original.weights().bias());
        assertThat(changed.proposal().points()).containsExactly(original.proposal().points());
    }
}
