package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.arrears;
import static org.laborwatch.rules.Signals.caseOutcome;
import static org.laborwatch.rules.Signals.complaint;
import static org.laborwatch.rules.Signals.consultation;
import static org.laborwatch.rules.Signals.day;
import static org.laborwatch.rules.Signals.of;
import static org.laborwatch.rules.Signals.outcome;
import static org.laborwatch.rules.Signals.status;
import static org.laborwatch.rules.Signals.wageArrears;
import static org.laborwatch.rules.Signals.withWorkers;
import static org.laborwatch.rules.fact.SignalType.ARBITRATION_CASE;
import static org.laborwatch.rules.fact.SignalType.COLLECTIVE_INCIDENT;
import static org.laborwatch.rules.fact.SignalType.LAWSUIT;
import static org.laborwatch.rules.fact.SignalType.LAYOFF;
import static org.laborwatch.rules.fact.SignalType.LEGAL_AID;
import static org.laborwatch.rules.fact.SignalType.PAYROLL_DELAY;
import static org.laborwatch.rules.fact.SignalType.SOCIAL_INSURANCE_ARREARS;
import static org.laborwatch.rules.fact.SignalType.TAX_ARREARS;
import static org.laborwatch.rules.fact.SignalType.UTILITY_ARREARS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.feature.FeatureCalculator;
import org.laborwatch.rules.feature.SignalHistory;
import org.laborwatch.rules.feature.Trace;
import org.laborwatch.rules.risk.RiskLevel;

/**
 * Every rule of the bundled library, in the shape of Drools' own tests: insert facts, fire, check. Each rule has a
 * scenario where it fires and one, as close as possible, where it must not.
 */
class RuleLibraryTest {
    private static CompiledRuleSet library;
    private static RuleEvaluator evaluator;

    @BeforeAll
    static void compileLibrary() throws RuleSetRejected {
        library = RuleSetCompiler.compile(RuleSets.bundled());
        evaluator = library.newEvaluator(SessionMode.LONG_LIVED);
    }

    @AfterAll
    static void close() {
        evaluator.close();
    }

    /** Judges the last signal with all earlier ones as history. */
    static List<String> firedOnLast(int redEpisodes, Signal... signals) {
        return findingsOnLast(redEpisodes, signals).stream().map(finding -> finding.rule().id()).toList();
    }

    static List<Finding> findingsOnLast(int redEpisodes, Signal... signals) {
        SignalHistory history = new SignalHistory();
        Arrays.stream(signals).forEach(s -> history.add(Trace.of(s)));
        Signal last = signals[signals.length - 1];
        EnterpriseFeatures f = FeatureCalculator.compute(last, history, redEpisodes, RiskLevel.NONE);
        return evaluator.evaluate(f, last);
    }

    static List<Finding> findingsOnLast(Signal... signals) {
        return findingsOnLast(0, signals);
    }

    static List<String> firedOnLast(Signal... signals) {
        return firedOnLast(0, signals);
    }

    static Stream<Arguments> scenarios() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, "WAGE-001", "three months of wage arrears",
                new Signal[] {wageArrears(E1, 3, 5, 60_000, day(0))},
                new Signal[] {wageArrears(E1, 2, 5, 40_000, day(0))});
        add(cases, "WAGE-002", "300,000 yuan owed within 90 days",
                new Signal[] {wageArrears(E1, 1, 5, 200_000, day(0)), wageArrears(E1, 1, 5, 120_000, day(60))},
                new Signal[] {wageArrears(E1, 1, 5, 200_000, day(0)), wageArrears(E1, 1, 5, 120_000, day(95))});
        add(cases, "WAGE-003", "arrears affecting ten workers",
                new Signal[] {wageArrears(E1, 1, 10, 40_000, day(0))},
                new Signal[] {wageArrears(E1, 1, 9, 40_000, day(0))});
        add(cases, "WAGE-004", "first small arrears",
                new Signal[] {wageArrears(E1, 1, 2, 8_000, day(0))},
                new Signal[] {wageArrears(E1, 3, 2, 8_000, day(0))});
        add(cases, "PAY-001", "second payroll delay in 90 days",
                new Signal[] {of(PAYROLL_DELAY, E1, day(0)), of(PAYROLL_DELAY, E1, day(80))},
                new Signal[] {of(PAYROLL_DELAY, E1, day(0)), of(PAYROLL_DELAY, E1, day(91))});
        add(cases, "CMP-001", "complaints tripling the baseline",
                new Signal[] {complaint(E1, "P1", day(0)), complaint(E1, "P1", day(5)), complaint(E1, "P2", day(9))},
                new Signal[] {complaint(E1, "P1", day(0)), complaint(E1, "P2", day(9))});
        add(cases, "CMP-002", "four different complainants in 30 days",
                new Signal[] {complaint(E1, "P1", day(0)), complaint(E1, "P2", day(1)), complaint(E1, "P3", day(2)),
                    complaint(E1, "P4", day(3))},
                new Signal[] {complaint(E1, "P1", day(0)), complaint(E1, "P2", day(1)), complaint(E1, "P3", day(2)),
                    complaint(E1, "P3", day(3))});
        add(cases, "CON-001", "consultation burst",
                new Signal[] {consultation(E1, day(0)), consultation(E1, day(3)), consultation(E1, day(6)),
                    consultation(E1, day(9))},
                new Signal[] {consultation(E1, day(-100)), consultation(E1, day(-80)), consultation(E1, day(-60)),
                    consultation(E1, day(-40)), consultation(E1, day(0)), consultation(E1, day(3)),
                    consultation(E1, day(6)), consultation(E1, day(9))});
        add(cases, "AID-001", "second legal-aid request in 30 days",
                new Signal[] {of(LEGAL_AID, E1, day(0)), of(LEGAL_AID, E1, day(20))},
                new Signal[] {of(LEGAL_AID, E1, day(0)), of(LEGAL_AID, E1, day(40))});
        add(cases, "SI-001", "two months of social-insurance arrears",
                new Signal[] {arrears(SOCIAL_INSURANCE_ARREARS, E1, 2, day(0))},
                new Signal[] {arrears(SOCIAL_INSURANCE_ARREARS, E1, 1, day(0))});
        add(cases, "UTIL-001", "three months of utility arrears",
                new Signal[] {arrears(UTILITY_ARREARS, E1, 3, day(0))},
                new Signal[] {arrears(UTILITY_ARREARS, E1, 2, day(0))});
        add(cases, "PRE-001", "social insurance and utilities both in arrears",
                new Signal[] {arrears(UTILITY_ARREARS, E1, 1, day(0)), arrears(SOCIAL_INSURANCE_ARREARS, E1, 1, day(30))},
                new Signal[] {arrears(UTILITY_ARREARS, E1, 1, day(0)), arrears(SOCIAL_INSURANCE_ARREARS, E1, 1, day(95))});
        add(cases, "TAX-001", "tax arrears with social-insurance arrears",
                new Signal[] {arrears(SOCIAL_INSURANCE_ARREARS, E1, 1, day(0)), of(TAX_ARREARS, E1, day(10))},
                new Signal[] {of(TAX_ARREARS, E1, day(10))});
        add(cases, "STA-001", "abnormal status while in arrears",
                new Signal[] {of(PAYROLL_DELAY, E1, day(0)), status(E1, "ABNORMAL", day(5))},
                new Signal[] {of(PAYROLL_DELAY, E1, day(0)), status(E1, "NORMAL", day(5))});
        add(cases, "LAY-001", "layoff of 20 while in arrears",
                new Signal[] {of(PAYROLL_DELAY, E1, day(0)), withWorkers(LAYOFF, E1, 20, day(5))},
                new Signal[] {withWorkers(LAYOFF, E1, 20, day(5))});
        add(cases, "LAW-001", "second arbitration case in 90 days",
                new Signal[] {of(ARBITRATION_CASE, E1, day(0)), of(ARBITRATION_CASE, E1, day(60))},
                new Signal[] {of(ARBITRATION_CASE, E1, day(60))});
        add(cases, "LAW-002", "labor lawsuit",
                new Signal[] {of(LAWSUIT, E1, day(0))},
                new Signal[] {of(ARBITRATION_CASE, E1, day(0))});
        add(cases, "OUT-001", "new arrears after an unresolved case",
                new Signal[] {outcome(E1, "UNRESOLVED", day(0)), of(PAYROLL_DELAY, E1, day(30))},
                new Signal[] {outcome(E1, "MEDIATED", day(0)), of(PAYROLL_DELAY, E1, day(30))});
        add(cases, "OUT-002", "case mediated with wages recovered",
                new Signal[] {wageArrears(E1, 3, 12, 90_000, day(0)), caseOutcome(E1, "MEDIATED", 50_000, day(30))},
                new Signal[] {wageArrears(E1, 3, 12, 90_000, day(0)), caseOutcome(E1, "WITHDRAWN", 50_000, day(30))});
        add(cases, "OUT-003", "new arrears within 90 days of a recovery",
                new Signal[] {caseOutcome(E1, "MEDIATED", 50_000, day(0)), wageArrears(E1, 1, 3, 9_000, day(60))},
                new Signal[] {caseOutcome(E1, "MEDIATED", 50_000, day(0)), wageArrears(E1, 1, 3, 9_000, day(95))});
        add(cases, "COL-001", "collective incident",
                new Signal[] {withWorkers(COLLECTIVE_INCIDENT, E1, 40, day(0))},
                new Signal[] {withWorkers(LAYOFF, E1, 40, day(0))});
        add(cases, "REF-001", "arrears of two months from an abnormal enterprise",
                new Signal[] {status(E1, "ABNORMAL", day(0)), wageArrears(E1, 2, 5, 30_000, day(3))},
                new Signal[] {status(E1, "NORMAL", day(0)), wageArrears(E1, 2, 5, 30_000, day(3))});
        add(cases, "CST-001", "construction wage arrears",
                new Signal[] {wageArrears(E1, 1, 3, 9_000, day(0))},
                new Signal[] {retailWageArrears()});
        return cases.stream();
    }

    private static Signal retailWageArrears() {
        return new Signal("R-1", org.laborwatch.rules.fact.SignalType.WAGE_ARREARS, E1, "青岛测试商贸有限公司", "市南区",
                "批发和零售业", null, day(0), null, 2, 1, Map.of());
    }

    private static void add(List<Arguments> cases, String rule, String scenario, Signal[] fires, Signal[] quiet) {
        cases.add(Arguments.of(rule, scenario, fires, quiet));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scenarios")
    void shouldFireOnItsScenarioAndNotOnTheNearMiss(String rule, String scenario, Signal[] fires, Signal[] quiet) {
        assertThat(firedOnLast(fires)).as("fires on: " + scenario).contains(rule);
        assertThat(firedOnLast(quiet)).as("quiet on the near miss of: " + scenario).doesNotContain(rule);
    }

    @Test
    void shouldNotHoldASettledCaseAgainstTheEnterprise() {
        assertThat(firedOnLast(outcome(E1, "UNRESOLVED", day(0)), outcome(E1, "MEDIATED", day(10)),
                wageArrears(E1, 2, 5, 30_000, day(20)))).doesNotContain("OUT-001", "REF-001");
    }

    @Test
    void shouldHoldACaseTransferredToTheProcuratorateAsUnresolved() {
        assertThat(firedOnLast(caseOutcome(E1, "TRANSFERRED", 0, day(0)), wageArrears(E1, 2, 5, 30_000, day(20))))
                .contains("OUT-001", "REF-001");
    }

    @ParameterizedTest(name = "{0} recovering {1} yuan settles: {2}")
    @CsvSource({
        "MEDIATED,    50000, true",
        "ARBITRATED,  50000, true",
        "JUDGED,      50000, true",
        "MEDIATED,        0, false",
        "WITHDRAWN,   50000, false",
        "TRANSFERRED, 50000, false",
    })
    void shouldSettleOnlyACaseResolvedWithWagesRecovered(String outcome, long recovered, boolean settles) {
        List<Finding> findings = findingsOnLast(wageArrears(E1, 3, 12, 90_000, day(0)),
                caseOutcome(E1, outcome, recovered, day(30)));

        assertThat(findings).filteredOn(Finding::settles).extracting(f -> f.rule().id())
                .isEqualTo(settles ? List.of("OUT-002") : List.of());
        assertThat(findings).filteredOn(f -> !f.settles()).isEmpty(); // an outcome adds no points of its own
    }

    @Test
    void shouldTellABurstWithItsCountAndTheEnterprisesOwnBaselineFromTheTablesFormat() {
        assertThat(findingsOnLast(complaint(E1, "P1", day(0)), complaint(E1, "P1", day(5)),
                complaint(E1, "P2", day(9)))).extracting(Finding::reason)
                .containsExactly("近 30 天投诉 3 件,自身基线每 30 天 0.0 件");
        assertThat(findingsOnLast(consultation(E1, day(0)), consultation(E1, day(3)), consultation(E1, day(6)),
                consultation(E1, day(9)))).extracting(Finding::reason)
                .containsExactly("近 30 天法律咨询 4 次,自身基线每 30 天 0.0 次");
    }

    @Test
    void shouldSayHowTheCaseWasSettledAndWhatWasRecovered() {
        assertThat(findingsOnLast(caseOutcome(E1, "ARBITRATED", 261_800, day(0)))).extracting(Finding::reason)
                .containsExactly("案件经仲裁结案,为劳动者挽回工资 261800 元,此前的预警依据不再计分");
        assertThat(findingsOnLast(caseOutcome(E1, "MEDIATED", 50_000, day(0)), of(PAYROLL_DELAY, E1, day(20))))
                .extracting(Finding::reason).containsExactly("近 90 天内刚为劳动者挽回工资 50000 元,又出现工资延发");
    }

    @Test
    void shouldFlagRepeatOffenderOnlyAfterAnEarlierRedEpisode() {
        assertThat(firedOnLast(1, of(PAYROLL_DELAY, E1, day(0)))).contains("REP-001");
        assertThat(firedOnLast(0, of(PAYROLL_DELAY, E1, day(0)))).doesNotContain("REP-001");
    }

    @Test
    void shouldGiveEveryLibraryRuleAScenario() {
        List<String> covered = new ArrayList<>(scenarios().map(a -> (String) a.get()[0]).toList());
        covered.add("REP-001");
        assertThat(library.rules()).extracting(m -> m.id()).containsExactlyInAnyOrderElementsOf(covered);
    }

    @Test
    void shouldBundleEveryFileOfTheLibraryDirectory() throws java.io.IOException {
        // The bundled list is what loads from the jar; a file added to rules/library but not to the list would
        // silently never run.
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("library"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl") || DecisionTable.isTable(n)))
                    .containsExactlyInAnyOrderElementsOf(RuleSets.LIBRARY_FILES);
        }
    }

    @Test
    void shouldWriteReasonsInChinese() {
        SignalHistory history = new SignalHistory();
        Signal s = wageArrears(E1, 4, 12, 500_000, day(0));
        history.add(Trace.of(s));
        EnterpriseFeatures f = FeatureCalculator.compute(s, history, 0, RiskLevel.NONE);
        assertThat(evaluator.evaluate(f, s)).extracting(Finding::reason)
                .contains("拖欠工资已达 4 个月", "近 90 天欠薪金额累计 50.0 万元", "一次欠薪涉及 12 名劳动者");
    }
}
