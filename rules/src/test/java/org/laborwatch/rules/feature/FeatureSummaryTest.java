package org.laborwatch.rules.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.complaint;
import static org.laborwatch.rules.Signals.day;
import static org.laborwatch.rules.Signals.wageArrears;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.risk.RiskLevel;

class FeatureSummaryTest {

    private static EnterpriseFeatures featuresOf(Signal... signals) {
        SignalHistory history = new SignalHistory();
        for (Signal s : signals) {
            history.add(Trace.of(s));
        }
        return FeatureCalculator.compute(signals[signals.length - 1], history, 0, RiskLevel.NONE);
    }

    @Test
    void shouldLabelEveryValueWithItsNameInOrder() {
        EnterpriseFeatures f = featuresOf(wageArrears(E1, 4, 30, 700_000, day(10)), complaint(E1, "P1", day(20)),
                complaint(E1, "P2", day(21)));

        Map<String, Double> summary = FeatureSummary.of(f);

        assertThat(summary.keySet()).containsExactlyElementsOf(FeatureSummary.NAMES);
        assertThat(summary).containsEntry("complaints30d", 2.0).containsEntry("wageArrearsMonthsMax", 4.0)
                .containsEntry("wageArrearsAmount90d", 700_000.0);
    }

    @Test
    void shouldRefuseMoreValuesThanNames() {
        assertThatThrownBy(() -> FeatureSummary.toMap(new double[FeatureSummary.NAMES.size() + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldLabelTheValuesOfAnOlderStateAsFarAsTheyGo() {
        // Written before "workforce" was added: eleven values.
        double[] older = new double[FeatureSummary.NAMES.indexOf("workforce")];
        older[0] = 3;

        Map<String, Double> summary = FeatureSummary.toMap(older);

        assertThat(summary).hasSize(older.length).containsEntry("complaints30d", 3.0).doesNotContainKey("workforce");
    }
}
