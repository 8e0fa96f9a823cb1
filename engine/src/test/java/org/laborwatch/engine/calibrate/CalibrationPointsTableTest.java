package org.laborwatch.engine.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proposal's directory: rule files and scenarios as they were, an earlier points table replaced by the new one. */
class CalibrationPointsTableTest {

    @Test
    void shouldCopyTheRulesAndReplaceAnEarlierPointsTable(@TempDir Path dir) throws Exception {
        Path from = Files.createDirectories(dir.resolve("in"));
        Files.writeString(from.resolve("a.drl"), "package x\n");
        Files.writeString(from.resolve("thresholds.csv"), "RuleSet,x\n");
        Files.writeString(from.resolve("old-points.csv"), "RulePoints,旧分值\n编号,分值,说明\nA-1,5,\n");
        Files.writeString(Files.createDirectories(from.resolve("scenarios")).resolve("a.yaml"), "scenarios: []\n");
        Files.writeString(from.resolve("notes.txt"), "not a rule file");
        Path to = dir.resolve("out");

        PointsTable.writeRuleSet(from, to, List.of(
                rule("A-1", 5, 12, PointsMapping.Verdict.FITTED),
                rule("B-2", 15, 0, PointsMapping.Verdict.NO_SIGNAL),
                rule("C-3", 60, 60, PointsMapping.Verdict.NO_HITS)));

        try (var files = Files.list(to)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("a.drl", "thresholds.csv", "points.csv", "scenarios");
        }
        assertThat(to.resolve("scenarios/a.yaml")).hasContent("scenarios: []");
        assertThat(Files.readAllLines(to.resolve("points.csv"), StandardCharsets.UTF_8)).containsExactly(
                "RulePoints,规则分值表",
                "编号,分值,说明",
                "A-1,12,校准:原 5 分",
                "B-2,0,校准:原 15 分;无预测力",
                "C-3,60,未校准:纠纷前无命中;保持原 60 分");
    }

    @Test
    void shouldKeepACampaignACampaign(@TempDir Path dir) throws Exception {
        Path from = Files.createDirectories(dir.resolve("in"));
        Files.writeString(from.resolve("a.drl"), "package x\n");
        Files.writeString(from.resolve("campaign.yaml"), "name: 冬季\nfrom: 2025-12-15\nuntil: 2026-02-17\n");
        Path to = dir.resolve("out");

        PointsTable.writeRuleSet(from, to, List.of(rule("A-1", 5, 12, PointsMapping.Verdict.FITTED)));

        assertThat(to.resolve("campaign.yaml")).hasSameBinaryContentAs(from.resolve("campaign.yaml"));
    }

    private static Calibration.RuleResult rule(String id, int before, int after, PointsMapping.Verdict verdict) {
        return new Calibration.RuleResult(id, id, before, after, 0, 0, 1, 1, verdict, false);
    }
}
