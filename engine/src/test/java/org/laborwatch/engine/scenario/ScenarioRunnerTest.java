package org.laborwatch.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.laborwatch.connectors.json.SignalCodec;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.risk.RiskLevel;
import org.laborwatch.rules.ruleset.RuleSets;

class ScenarioRunnerTest {
    private static final ScenarioFiles FILES = new ScenarioFiles(SignalCodec.defaults().zone());

    /** Right and deliberately wrong expectations, run together: one job for the class. */
    private static final String FILE = """
            start: 2025-03-03
            scenarios:
              - name: 对的预期
                enterprises:
                  A: {name: 青岛恒达商贸有限公司, district: 市北区, industry: 批发和零售业}
                signals:
                  - {at: day 0, type: WAGE_ARREARS, months: 3, workers: 5, amount: 60000}
                expect: {level: BLUE, alerts: [BLUE], fired: [WAGE-001], notFired: [WAGE-004]}

              - name: 故意写错的预期
                enterprises:
                  A: {name: 青岛恒达商贸有限公司, district: 市北区, industry: 批发和零售业}
                signals:
                  - {at: day 0, type: WAGE_ARREARS, months: 3, workers: 5, amount: 60000}
                  - at: +2d
                    type: COMPLAINT
                    attributes: {complainant: 张某}
                    expect: {fired: [CMP-002]}
                expect:
                  level: RED
                  alerts: [YELLOW]
                  fired: [CMP-001]
                  notFired: [WAGE-001, WAGE-999]

              - name: 被拒收的信号
                enterprises:
                  A: {name: 青岛恒达商贸有限公司, district: 火星区}
                signals:
                  - {at: day 0, type: WAGE_ARREARS, months: 3}
                expect: {fired: [WAGE-001]}
            """;

    private static Map<String, ScenarioResult> results;

    @BeforeAll
    static void run() throws Exception {
        results = ScenarioRunner.forRules(RuleSets.bundled()).run(FILES.parse("demo.yaml", FILE)).stream()
                .collect(Collectors.toMap(r -> r.scenario().name(), Function.identity()));
    }

    @Test
    void shouldPassWhatTheEngineDoes() {
        ScenarioResult result = results.get("对的预期");
        assertThat(result.passed()).as(result.report()).isTrue();
        assertThat(result.report()).isEqualTo("PASSED demo.yaml: 对的预期\n");
    }

    @Test
    void shouldFailADeliberatelyWrongExpectationWithAReadableDiff() {
        ScenarioResult result = results.get("故意写错的预期");

        assertThat(result.passed()).isFalse();
        assertThat(result.problems()).containsExactly(
                "level of A at the end: expected RED, got BLUE (score 30.0)",
                "alerts at the end: expected [YELLOW], got [BLUE] (BLUE on signal 1 (day 0, WAGE_ARREARS of A))",
                "rules that should have fired at the end but did not: CMP-001 (fired: WAGE-001)",
                "rules that must not fire but did at the end: WAGE-001 on signal 1 (day 0, WAGE_ARREARS of A): "
                        + "拖欠工资已达 3 个月",
                "rule WAGE-999 (under notFired) is not in the rule set",
                "rules that should have fired after signal 2 (+2d, COMPLAINT of A) but did not: CMP-002 "
                        + "(fired: none)");
        assertThat(result.report()).startsWith("FAILED demo.yaml: 故意写错的预期\n  - level of A at the end")
                .contains("  what the engine did:\n"
                        + "    signal 1 (day 0, WAGE_ARREARS of A) -> BLUE 30.0, fired WAGE-001 拖欠工资已达 3 个月, "
                        + "alert BLUE\n"
                        + "    signal 2 (+2d, COMPLAINT of A) -> BLUE 30.0, no rule fired\n");
    }

    @Test
    void shouldReportASignalTheJobRejected() {
        ScenarioResult result = results.get("被拒收的信号");

        assertThat(result.passed()).isFalse();
        assertThat(result.problems().get(0)).startsWith(
                "signal 1 (day 0, WAGE_ARREARS of A) was rejected before judging: UNKNOWN_DISTRICT: district 火星区");
    }

    @Test
    void shouldReadTimesLevelsAndTypesAsAuthorsWriteThem() throws Exception {
        Scenario s = FILES.parse("t.yaml", """
                start: 2025-03-03
                scenarios:
                  - name: 时间
                    signals:
                      - {at: day 0, type: 投诉}
                      - {at: +1d 6h, type: COMPLAINT}
                      - {at: 第3天, type: consultation, source: UNION}
                      - {at: day 3 14:30, type: COMPLAINT, expect: {level: 黄色}}
                    expect: {level: 红}
                """).get(0);

        assertThat(s.signals()).extracting(Scenario.Step::at).containsExactly(
                Instant.parse("2025-03-03T01:00:00Z"), Instant.parse("2025-03-04T07:00:00Z"),
                Instant.parse("2025-03-06T01:00:00Z"), Instant.parse("2025-03-06T06:30:00Z"));
        assertThat(s.signals()).extracting(Scenario.Step::type).containsExactly(SignalType.COMPLAINT,
                SignalType.COMPLAINT, SignalType.CONSULTATION, SignalType.COMPLAINT);
        assertThat(s.signals()).extracting(Scenario.Step::source).containsExactly(SignalSource.HOTLINE_12345,
                SignalSource.HOTLINE_12345, SignalSource.UNION, SignalSource.HOTLINE_12345);
        assertThat(s.enterprises()).containsOnlyKeys("A");
        assertThat(s.expect().levels()).isEqualTo(Map.of("A", RiskLevel.RED));
        assertThat(s.signals().get(3).expect().levels()).isEqualTo(Map.of("A", RiskLevel.YELLOW));
    }

    @Test
    void shouldSayWhereAFileIsWrongAndWhatToWrite() {
        assertThatThrownBy(() -> FILES.parse("x.yaml", """
                scenarios:
                  - name: 拼错
                    signals:
                      - {at: day 0, type: WAGE_ARREARS, amout: 5000}
                    expect: {level: NONE}
                """)).hasMessage("x.yaml: scenario \"拼错\" > signals[1] > amout is not a field here; the fields are "
                + "amount, at, attributes, enterprise, expect, months, source, type, workers");
        assertThatThrownBy(() -> FILES.parse("x.yaml", """
                scenarios:
                  - name: 时间
                    signals:
                      - {at: 3 days later, type: WAGE_ARREARS}
                    expect: {level: NONE}
                """)).hasMessage("x.yaml: scenario \"时间\" > signals[1] > at \"3 days later\" is not a time; write "
                + "day 3 (or day 3 14:30) from the start, or +2d, +4h, +1d 6h after the signal before");
        assertThatThrownBy(() -> FILES.parse("x.yaml", """
                scenarios:
                  - name: 两家
                    enterprises: {A: {}, B: {}}
                    signals:
                      - {at: day 0, enterprise: A, type: WAGE_ARREARS}
                    expect: {level: NONE}
                """)).hasMessageContaining("level is ambiguous: the scenario has several enterprises; write levels:");
        assertThatThrownBy(() -> FILES.parse("x.yaml", """
                scenarios:
                  - name: 级别
                    signals:
                      - {at: day 0, type: WAGE_ARREARS}
                    expect: {level: PURPLE}
                """)).hasMessage("x.yaml: scenario \"级别\" > expect > level \"PURPLE\" is not one of "
                + "[NONE, BLUE, YELLOW, ORANGE, RED]");
        assertThatThrownBy(() -> FILES.parse("x.yaml", """
                scenarios:
                  - name: 空
                    signals:
                      - {at: day 0, type: WAGE_ARREARS}
                    expect: {}
                """)).hasMessage("x.yaml: scenario \"空\" > expect is empty; say what level, alerts or rules "
                + "(fired, notFired) you expect");
    }

    @Test
    void shouldHoldTheExampleOfTheRuleAuthorsGuide() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "rule-authoring.md"), StandardCharsets.UTF_8);
        int from = guide.indexOf("```yaml\n") + "```yaml\n".length();
        String example = guide.substring(from, guide.indexOf("```", from));

        List<ScenarioResult> results = ScenarioRunner.forRules(RuleSets.bundled())
                .run(FILES.parse("rule-authoring.md", example));

        assertThat(results).hasSize(1);
        assertThat(results.get(0).passed()).as(results.get(0).report()).isTrue();
    }

    @Test
    void shouldRunNothingForNoScenarios() throws Exception {
        assertThat(ScenarioRunner.forRules(RuleSets.bundled()).run(List.of())).isEmpty();
    }
}
