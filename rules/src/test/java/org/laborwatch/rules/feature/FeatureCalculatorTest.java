package org.laborwatch.rules.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.caseOutcome;
import static org.laborwatch.rules.Signals.complaint;
import static org.laborwatch.rules.Signals.consultation;
import static org.laborwatch.rules.Signals.day;
import static org.laborwatch.rules.Signals.outcome;
import static org.laborwatch.rules.Signals.status;
import static org.laborwatch.rules.Signals.wageArrears;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.Signals;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.RiskLevel;

class FeatureCalculatorTest {

    private static EnterpriseFeatures featuresAt(Signal current, List<Signal> past) {
        SignalHistory history = new SignalHistory();
        past.forEach(s -> history.add(Trace.of(s)));
        history.add(Trace.of(current));
        return FeatureCalculator.compute(current, history, 0, RiskLevel.NONE);
    }

    @Test
    void shouldCountSignalsWithinEachHorizon() {
        Signal now = complaint(E1, "P1", day(100));
        EnterpriseFeatures f = featuresAt(now, List.of(
                complaint(E1, "P2", day(95)),   // 5 days ago: 7, 30, 90
                complaint(E1, "P3", day(80)),   // 20 days ago: 30, 90
                complaint(E1, "P4", day(20)))); // 80 days ago: 90 only

        assertThat(f.count(SignalType.COMPLAINT, 7)).isEqualTo(2);
        assertThat(f.count(SignalType.COMPLAINT, 30)).isEqualTo(3);
        assertThat(f.count(SignalType.COMPLAINT, 90)).isEqualTo(4);
        assertThat(f.complaints7d()).isEqualTo(2);
        assertThat(f.distinctComplainants30d()).isEqualTo(3);
    }

    @Test
    void shouldCountCasesLeftOpenUntilOneIsSettledAndSumWhatWasRecovered() {
        Signal now = wageArrears(E1, 1, 3, 9_000, day(100));

        EnterpriseFeatures open = featuresAt(now, List.of(outcome(E1, "UNRESOLVED", day(20)),
                caseOutcome(E1, "TRANSFERRED", 0, day(40))));
        EnterpriseFeatures settled = featuresAt(now, List.of(outcome(E1, "UNRESOLVED", day(20)),
                caseOutcome(E1, "MEDIATED", 50_000, day(40)), caseOutcome(E1, "JUDGED", 30_000, day(60))));

        assertThat(open.unresolvedCases90d()).isEqualTo(2);
        assertThat(open.lastCaseOutcome()).isEqualTo("TRANSFERRED");
        assertThat(settled.unresolvedCases90d()).isZero();
        assertThat(settled.recovered90d()).isEqualTo(80_000.0);
        assertThat(settled.lastCaseOutcome()).isEqualTo("JUDGED");
    }

    @Test
    void shouldKnowTheWorkforceFromTheRegistryElseFromSocialInsuranceArrears() {
        Signal now = wageArrears(E1, 1, 3, 9_000, day(170));
        Signal insured = Signals.signal(SignalType.SOCIAL_INSURANCE_ARREARS, E1, day(10), 90_000L, 75, 1, Map.of());
        Signal registered = Signals.signal(SignalType.ENTERPRISE_STATUS, E1, day(20), null, 40, null,
                Map.of("status", "NORMAL"));
        Signal registeredLater = Signals.signal(SignalType.ENTERPRISE_STATUS, E1, day(150), null, 320, null,
                Map.of("status", "NORMAL"));
        Signal statusWithoutFigure = status(E1, "NORMAL", day(160));

        assertThat(featuresAt(now, List.of()).workforce()).as("unknown").isZero();
        assertThat(featuresAt(now, List.of(insured)).workforce()).isEqualTo(75);
        assertThat(featuresAt(now, List.of(insured, registered)).workforce()).as("the registry wins").isEqualTo(40);
        assertThat(featuresAt(now, List.of(registeredLater, statusWithoutFigure, registered, insured)).workforce())
                .as("the latest registry figure, in any arrival order").isEqualTo(320);
        assertThat(featuresAt(registered, List.of(insured, registeredLater)).workforce())
                .as("only what was known at the signal's time").isEqualTo(40);
    }

    @Test
    void shouldCountDistinctComplainantsInAComplaintStorm() {
        List<Signal> storm = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            storm.add(complaint(E1, "P" + (i % 25), day(100 - i % 20))); // 25 people, most complaining more than once
        }
        storm.add(complaint(E1, "P-old", day(60))); // outside the 30 days

        assertThat(featuresAt(complaint(E1, "P0", day(100)), storm).distinctComplainants30d()).isEqualTo(25);
    }

    @Test
    void shouldComputeTheSameWhenReusingItsArrays() {
        FeatureCalculator.Reusing reusing = new FeatureCalculator.Reusing();
        SignalHistory busy = new SignalHistory();
        for (int i = 0; i < 40; i++) {
            busy.add(Trace.of(complaint(E1, "P" + i, day(60 + i))));
        }
        busy.add(Trace.of(wageArrears(E1, 4, 30, 700_000, day(99))));
        reusing.compute(complaint(E1, "P0", day(99)), busy, 2, RiskLevel.RED); // leaves its arrays full

        Signal now = consultation(E1, day(100));
        SignalHistory quiet = new SignalHistory();
        quiet.add(Trace.of(consultation(E1, day(90))));
        quiet.add(Trace.of(now));
        EnterpriseFeatures reused = reusing.compute(now, quiet, 0, RiskLevel.NONE);
        EnterpriseFeatures fresh = FeatureCalculator.compute(now, quiet, 0, RiskLevel.NONE);

        for (SignalType type : SignalType.values()) {
            for (int days : Horizons.DAYS) {
                assertThat(reused.count(type, days)).as("%s in %d days", type, days).isEqualTo(fresh.count(type, days));
            }
        }
        assertThat(reused.distinctComplainants30d()).isZero();
        assertThat(reused.wageArrearsMonthsMax()).isZero();
        assertThat(reused.wageArrearsAmount90d()).isZero();
        assertThat(reused.consultationBaseline30d()).isEqualTo(fresh.consultationBaseline30d());
    }

    @Test
    void shouldCompareBurstWithTheEnterprisesOwnBaseline() {
        Signal now = consultation(E1, day(200));
        EnterpriseFeatures f = featuresAt(now, List.of(
                consultation(E1, day(110)), consultation(E1, day(130)), consultation(E1, day(150)), // baseline
                consultation(E1, day(190))));

        assertThat(f.consultations30d()).isEqualTo(2);
        assertThat(f.consultationBaseline30d()).isEqualTo(1.0);
    }

    @Test
    void shouldIgnoreSignalsLaterThanTheOneJudged() {
        Signal late = wageArrears(E1, 1, 5, 10_000, day(10));
        EnterpriseFeatures f = featuresAt(late, List.of(wageArrears(E1, 4, 5, 50_000, day(12))));

        assertThat(f.wageArrearsMonthsMax()).isEqualTo(1);
        assertThat(f.wageArrears90d()).isEqualTo(1);
    }

    @Test
    void shouldKeepHistoryInEventTimeOrderAndPruneOldTraces() {
        SignalHistory history = new SignalHistory();
        history.add(Trace.of(consultation(E1, day(300))));
        history.add(Trace.of(consultation(E1, day(10))));
        history.add(Trace.of(consultation(E1, day(200))));

        history.prune(day(300).toEpochMilli());

        assertThat(history.getTraces()).extracting(Trace::at)
                .containsExactly(day(200).toEpochMilli(), day(300).toEpochMilli());
    }
}
