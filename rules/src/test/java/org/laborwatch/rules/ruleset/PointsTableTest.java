package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.laborwatch.rules.risk.RuleMeta;

/** A points table overrides the points of the rules it names, and nothing else; mistakes name the table and row. */
class PointsTableTest {
    private static final String RULES = """
            package laborwatch.points.test
            import org.laborwatch.rules.fact.SignalType
            import org.laborwatch.rules.feature.EnterpriseFeatures
            import org.laborwatch.rules.ruleset.Findings
            global Findings hits

            rule "arrears"
                @id("PT-001") @points(30) @agencies("HRSS") @evidence("WAGE_ARREARS")
            when
                EnterpriseFeatures( signalType == SignalType.WAGE_ARREARS )
            then
                hits.add(drools.getRule(), "欠薪");
            end

            rule "complaints"
                @id("PT-002") @points(10) @agencies("UNION")
            when
                EnterpriseFeatures( signalType == SignalType.COMPLAINT )
            then
                hits.add(drools.getRule(), "投诉");
            end
            """;

    @Test
    void shouldGiveTheNamedRulesTheTablesPointsAndLeaveTheOthersTheirOwn() throws Exception {
        CompiledRuleSet compiled = RuleSetCompiler.compile(rules("points.csv", """
                RulePoints,规则分值表
                编号,分值,说明
                PT-001,45,校准:原 30 分
                """));

        assertThat(points(compiled)).containsEntry("PT-001", 45).containsEntry("PT-002", 10);
    }

    @Test
    void shouldReadATableSavedByExcelWithABomAndBlankLinesAndTypedNumbers() throws Exception {
        CompiledRuleSet fromCsv = RuleSetCompiler.compile(rules("points.csv",
                "\uFEFFRulePoints,分值\r\n编号,分值\r\n\r\nPT-002,\"0\",无预测力\r\n,,\r\n"));
        CompiledRuleSet fromWorkbook = RuleSetCompiler.compile(rules("points.xlsx", Base64.getEncoder()
                .encodeToString(xlsx(List.of(List.of("RulePoints", "规则分值表"), List.of("编号", "分值"),
                        List.of("PT-001", 55), List.of("PT-002", 5))))));

        assertThat(points(fromCsv)).containsEntry("PT-001", 30).containsEntry("PT-002", 0);
        assertThat(points(fromWorkbook)).containsEntry("PT-001", 55).containsEntry("PT-002", 5);
    }

    @Test
    void shouldNameTheTableAndRowOfEveryMistake() {
        RuleSet wrong = rules("points.csv", """
                RulePoints,规则分值表
                编号,分值,说明
                PT-001,101,
                PT-999,20,
                PT-002,十,
                PT-002,20,
                PT-002,25,
                ,15,
                """);

        assertThatThrownBy(() -> RuleSetCompiler.compile(wrong)).isInstanceOf(RuleSetRejected.class)
                .satisfies(e -> assertThat(((RuleSetRejected) e).problems()).extracting(Object::toString)
                        .containsExactlyInAnyOrder(
                                "points.csv:3: PT-001 has points \"101\", expected a whole number from 0 to 100 (row 3)",
                                "points.csv:4: no rule of this rule set has @id(\"PT-999\") (row 4)",
                                "points.csv:5: PT-002 has points \"十\", expected a whole number from 0 to 100 (row 5)",
                                "points.csv:7: PT-002 is given points twice (first in points.csv row 6) (row 7)",
                                "points.csv:8: points 15 for no rule: the first column holds the rule's @id (row 8)"));
    }

    @Test
    void shouldTellAPointsTableFromADecisionTableByItsFirstCell() {
        assertThat(PointsTable.isPointsTable("points.csv", "RulePoints,x\n")).isTrue();
        assertThat(PointsTable.isPointsTable("thresholds.csv", "RuleSet,laborwatch.thresholds\n")).isFalse();
        assertThat(PointsTable.isPointsTable("points.drl", "RulePoints")).isFalse();
    }

    @Test
    void shouldSetPointsTablesAsideForWhatJudgesTheRulesAtTheirOwnPoints() throws Exception {
        RuleSet withTable = rules("points.csv", "RulePoints,x\n编号,分值\nPT-001,45\n");

        RuleSet own = RuleSets.withOwnPoints(withTable);

        assertThat(RuleSets.pointsTables(withTable)).containsExactly("points.csv");
        assertThat(own.sources()).containsOnlyKeys("rules.drl");
        assertThat(own.version()).isEqualTo(withTable.version() + "-own-points");
        assertThat(points(RuleSetCompiler.compile(own))).containsEntry("PT-001", 30);
        assertThat(RuleSets.withOwnPoints(own)).isSameAs(own);
    }

    private static RuleSet rules(String table, String text) {
        Map<String, String> sources = new HashMap<>();
        sources.put("rules.drl", RULES);
        sources.put(table, text);
        return new RuleSet("points-test-" + Math.abs(text.hashCode()), sources);
    }

    private static Map<String, Integer> points(CompiledRuleSet compiled) {
        return compiled.rules().stream().collect(Collectors.toMap(RuleMeta::id, RuleMeta::points));
    }

    private static byte[] xlsx(List<List<Object>> table) throws IOException {
        try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("分值");
            for (int r = 0; r < table.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < table.get(r).size(); c++) {
                    Object value = table.get(r).get(c);
                    if (value instanceof Integer n) {
                        row.createCell(c).setCellValue(n);
                    } else {
                        row.createCell(c).setCellValue((String) value);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
