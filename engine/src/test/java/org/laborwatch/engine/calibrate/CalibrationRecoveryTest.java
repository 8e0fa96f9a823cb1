package org.laborwatch.engine.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit, mapped back to points, recovers the points the data was generated with. */
class CalibrationRecoveryTest {
    private static final int[] TRUE_POINTS = {40, 10, 0};
    private static final int[] TODAY = {20, 20, 20};

    @Test
    void shouldRecoverKnownPointsAndFindTheRuleWithoutSignal() {
        List<Samples.Sample> samples = SyntheticHits.draw(TRUE_POINTS, 60_000, 1_000, 0, 7);
        int[] active = Calibration.activeCounts(samples, SyntheticHits.RULES);

        LogisticFit.Weights w = LogisticFit.fit(samples, SyntheticHits.RULES, 1);
        PointsMapping.Proposal proposal = PointsMapping.orange(0.5).propose(w, TODAY, active);

        assertThat(w.bias()).isCloseTo(SyntheticHits.BIAS, org.assertj.core.data.Offset.offset(0.2));
        assertThat(proposal.points()[0]).isBetween(36, 44);
        assertThat(proposal.points()[1]).isBetween(7, 13);
        assertThat(proposal.verdicts()).containsExactly(PointsMapping.Verdict.FITTED, PointsMapping.Verdict.FITTED,
                PointsMapping.Verdict.NO_SIGNAL);
        assertThat(proposal.points()[2]).isZero();
    }

    @Test
    void shouldMakeOrangeMeanTheStatedProbability() {
        List<Samples.Sample> samples = SyntheticHits.draw(TRUE_POINTS, 60_000, 1_000, 0, 7);
        LogisticFit.Weights w = LogisticFit.fit(samples, SyntheticHits.RULES, 1);
        PointsMapping mapping = PointsMapping.orange(0.3);

        assertThat(mapping.probabilityAt(w, 60)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldKeepTheExistingPointsOfARuleThatNeverFiredInTheSamples() {
        List<Samples.Sample> samples = SyntheticHits.draw(new int[] {40, 10, 0}, 20_000, 1_000, 0, 3).stream()
                .map(s -> new Samples.Sample(s.at(), new int[0], new double[0], s.positive())).toList();
        LogisticFit.Weights w = LogisticFit.fit(samples, SyntheticHits.RULES, 1);

        PointsMapping.Proposal proposal = PointsMapping.orange(0.5).propose(w, TODAY,
                Calibration.activeCounts(samples, SyntheticHits.RULES));

        assertThat(proposal.points()).containsExactly(TODAY);
        assertThat(proposal.verdicts()).containsOnly(PointsMapping.Verdict.NO_HITS);
    }
}
