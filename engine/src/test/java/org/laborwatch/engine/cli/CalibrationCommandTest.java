package org.laborwatch.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.laborwatch.engine.generate.SampleGenerator;
import org.laborwatch.rules.risk.RuleMeta;
import org.laborwatch.rules.ruleset.RuleSetCache;
import org.laborwatch.rules.ruleset.RuleSets;

/** {@code rules calibrate} end to end on a small generated city: the engine run, the fit, the files it writes. */
class CalibrationCommandTest {
    private static final Path LIBRARY = Path.of("../rules/library");

    @Test
    void shouldWriteTheProposedRuleSetAndItsReport(@TempDir Path dir) throws Exception {
        SampleGenerator.Result city = new SampleGenerator(new SampleGenerator.Options(400, 365, 1,
                LocalDate.of(2025, 3, 1), 1, ZoneId.of("Asia/Shanghai"))).writeTo(dir.resolve("city"));
        Path out = dir.resolve("calibrated");

        Cli cli = Cli.run("rules", "calibrate", "--signals", dir.resolve("city").toString(), "--truth",
                city.truth().toString(), "--eruptions", "default", "--rules", LIBRARY.toString(), "--out",
                out.toString());

        assertThat(cli.exitCode()).as(cli.output()).isZero();
        assertThat(cli.output()).contains("calibrated 24 rules").contains("held-out early recall");
        List<String> table = Files.readAllLines(out.resolve("rules/points.csv"), StandardCharsets.UTF_8);
        assertThat(table.get(0)).isEqualTo("RulePoints,规则分值表");
        assertThat(table.get(1)).isEqualTo("编号,分值,说明");
        assertThat(table).hasSize(2 + 24).anySatisfy(row -> assertThat(row).matches("WAGE-001,\\d+,.*原 30 分.*"));
        assertThat(Files.readString(out.resolve("rules/arrears.drl")))
                .isEqualTo(Files.readString(LIBRARY.resolve("arrears.drl")));
        assertThat(out.resolve("rules/thresholds.csv")).exists();
        assertThat(out.resolve("rules/scenarios/arrears.yaml")).exists();
        assertThat(Files.readString(out.resolve("report.md"))).contains("# 规则分值校准报告")
                .contains("ORANGE = P(纠纷) ≥ 50.0% 于 90 天 内").contains("| WAGE-001 |").contains("若橙色表示其他概率")
                .contains("COLLECTIVE_INCIDENT; WAGE_ARREARS workers>=30; LAWSUIT workers>=10")
                .as("today's points re-score every snapshot as the engine scored it")
                .contains("| 按原分值重算与引擎分数不符的快照 (snapshots re-scored otherwise than the engine) | 0 |");
        assertThat(Files.readString(out.resolve("report.html"))).startsWith("<!DOCTYPE html>")
                .contains("<th>编号</th>").doesNotContain("http");
        assertThat(compiledPoints(out.resolve("rules"))).as("the proposal compiles with the table's points")
                .isEqualTo(tablePoints(table));
    }

    private static Map<String, Integer> compiledPoints(Path dir) throws Exception {
        Map<String, Integer> points = new TreeMap<>();
        for (RuleMeta meta : RuleSetCache.compile(RuleSets.fromDirectory(dir, null)).rules()) {
            points.put(meta.id(), meta.points());
        }
        return points;
    }

    private static Map<String, Integer> tablePoints(List<String> table) {
        Map<String, Integer> points = new TreeMap<>();
        for (String row : table.subList(2, table.size())) {
            String[] cells = row.split(",");
            points.put(cells[0], Integer.parseInt(cells[1]));
        }
        return points;
    }

    @Test
    void shouldRefuseToWriteTheProposalOverTheRulesItCalibrates(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("a.drl"), "package x\n");
        Files.writeString(dir.resolve("signals.jsonl"), "");

        Cli cli = Cli.run("rules", "calibrate", "--signals", dir.resolve("signals.jsonl").toString(), "--eruptions",
                "default", "--rules", rules.toString(), "--out", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.output()).contains("would write the proposal over the rule set being calibrated");
        assertThat(rules.resolve("a.drl")).exists();
    }

    @Test
    void shouldRefuseToCalibrateWithoutOutcomes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("signals.jsonl"), "");

        Cli cli = Cli.run("rules", "calibrate", "--signals", dir.resolve("signals.jsonl").toString(), "--out",
                dir.resolve("out").toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output()).contains("--truth FILE, --eruptions DEFINITION, or both");
    }

    @Test
    void shouldReportAnUnreadableDefinitionAsAUsageError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("signals.jsonl"), "");

        Cli cli = Cli.run("rules", "calibrate", "--signals", dir.resolve("signals.jsonl").toString(), "--eruptions",
                "STRIKE", "--out", dir.resolve("out").toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.output())
                .contains("--eruptions: eruption definition \"STRIKE\": \"STRIKE\" is not a signal type");
    }
}
