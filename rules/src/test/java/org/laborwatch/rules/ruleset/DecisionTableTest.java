package org.laborwatch.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.laborwatch.rules.Signals.E1;
import static org.laborwatch.rules.Signals.day;
import static org.laborwatch.rules.Signals.wageArrears;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.laborwatch.rules.Signals;
import org.laborwatch.rules.fact.Signal;
import org.laborwatch.rules.fact.SignalSource;
import org.laborwatch.rules.fact.SignalType;
import org.laborwatch.rules.feature.EnterpriseFeatures;
import org.laborwatch.rules.feature.FeatureCalculator;
import org.laborwatch.rules.feature.SignalHistory;
import org.laborwatch.rules.feature.Trace;
import org.laborwatch.rules.risk.RiskLevel;

/** Decision tables, CSV and XLSX, compiled into the same rule set as DRL and checked the same way. */
class DecisionTableTest {
    /** Rows 1 to 3 are the settings, 4 to 8 the table's head; the rules are rows 9 and 10. */
    private static final List<List<String>> TABLE = List.of(
            List.of("RuleSet", "laborwatch.tables.test"),
            List.of("Import", "org.laborwatch.rules.fact.SignalType, org.laborwatch.rules.feature.EnterpriseFeatures, "
                    + "org.laborwatch.rules.ruleset.Findings"),
            List.of("Variables", "Findings hits"),
            List.of("RuleTable Arrears by industry"),
            List.of("NAME", "METADATA", "METADATA", "METADATA", "CONDITION", "CONDITION", "CONDITION", "ACTION"),
            List.of("", "", "", "", "$f : EnterpriseFeatures...", "$f : EnterpriseFeatures...",
                    "$f : EnterpriseFeatures...", ""),
            List.of("", "id(\"$param\")", "points($param)", "agencies(\"$param\")", "signalType == SignalType.$param",
                    "industry == \"$param\"", "wageArrearsMonthsMax >= $param",
                    "hits.add(drools.getRule(), \"$param\");"),
            List.of("规则", "编号", "分值", "通知部门", "信号", "行业", "欠薪月数至少", "理由"),
            List.of("construction arrears", "TBL-001", "15", "HRSS,UNION", "WAGE_ARREARS", "建筑业", "1", "建筑业欠薪"),
            List.of("long arrears", "TBL-002", "30", "HRSS,UNION", "WAGE_ARREARS", "", "3", "欠薪三个月以上"));
    /** The spreadsheet row (1-based) of the first rule: TABLE's index 8. */
    private static final int FIRST_RULE_ROW = 9;

    private static String csv(List<List<String>> table) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : table) {
            text.append(String.join(",", row.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList()))
                    .append('\n');
        }
        return text.toString();
    }

    /**
     * The table as an Excel workbook, numbers typed as numbers the way an author enters them, and the CSV's "..." run
     * of pattern cells as one merged cell, the way a workbook joins them.
     */
    private static byte[] xlsx(List<List<String>> table) throws IOException {
        try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("阈值");
            for (int r = 0; r < table.size(); r++) {
                Row row = sheet.createRow(r);
                int mergeFrom = -1;
                for (int c = 0; c < table.get(r).size(); c++) {
                    String value = table.get(r).get(c);
                    if (value.endsWith("...")) {
                        if (mergeFrom < 0) {
                            mergeFrom = c;
                            row.createCell(c).setCellValue(value.substring(0, value.length() - 3));
                        } else {
                            row.createCell(c); // Excel writes the covered cells of a merge as blank cells
                        }
                        continue;
                    }
                    if (mergeFrom >= 0) {
                        sheet.addMergedRegion(new CellRangeAddress(r, r, mergeFrom, c - 1));
                        mergeFrom = -1;
                    }
                    if (value.matches("\\d+")) {
                        row.createCell(c).setCellValue(Integer.parseInt(value));
                    } else if (!value.isEmpty()) {
                        row.createCell(c).setCellValue(value);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static List<List<String>> withCell(int row, int column, String value) {
        return withCell(TABLE, row, column, value);
    }

    /** A copy of {@code of} with one cell changed, row 1-based as a spreadsheet shows it, column 0-based. */
    private static List<List<String>> withCell(List<List<String>> of, int row, int column, String value) {
        List<List<String>> table = new ArrayList<>();
        for (List<String> r : of) {
            table.add(new ArrayList<>(r));
        }
        table.get(row - 1).set(column, value);
        return table;
    }

    @Test
    void shouldCompileACsvTableAndFireItsRows() throws RuleSetRejected {
        CompiledRuleSet compiled = RuleSetCompiler.compile(new RuleSet("t-1", Map.of("thresholds.csv", csv(TABLE))));

        assertThat(compiled.ruleById("TBL-001").points()).isEqualTo(15);
        assertThat(compiled.ruleById("TBL-001").agencies()).extracting(Enum::name).containsExactly("HRSS", "UNION");
        assertThat(compiled.ruleById("TBL-002").ruleName()).isEqualTo("long arrears");
        assertThat(ids(compiled, wageArrears(E1, 1, 3, 9_000, day(0)))).containsExactly("TBL-001");
        assertThat(ids(compiled, wageArrears(E1, 3, 3, 9_000, day(0)))).containsExactly("TBL-001", "TBL-002");
        assertThat(ids(compiled, retail(wageArrears(E1, 1, 3, 9_000, day(0))))).isEmpty();
    }

    /**
     * The library's own arrears table with two rows an author adds: a lower bar for small construction enterprises,
     * a higher one for large ones, by the enterprise's workforce (0 when unknown, which neither row accepts).
     */
    @Test
    void shouldSetArrearsThresholdsByIndustryAndEnterpriseSize() throws IOException, RuleSetRejected {
        String library = Files.readString(Path.of("library", "thresholds.csv"), StandardCharsets.UTF_8);
        String table = library.stripTrailing() + "\n"
                + "small construction enterprise wage arrears,CST-S,20,\"HRSS,UNION\",WAGE_ARREARS,WAGE_ARREARS,建筑业,"
                + "1,,,50,小型建筑企业欠薪(职工不足 50 人)\n"
                + "large construction enterprise wage arrears,CST-L,20,\"HRSS,UNION\",WAGE_ARREARS,WAGE_ARREARS,建筑业,"
                + "2,,300,,大型建筑企业欠薪两个月(职工 300 人以上)\n";
        CompiledRuleSet compiled = RuleSetCompiler.compile(new RuleSet("t-size", Map.of("thresholds.csv", table)));
        Signal oneMonth = wageArrears(E1, 1, 3, 9_000, day(100));
        Signal twoMonths = wageArrears(E1, 2, 3, 9_000, day(100));

        assertThat(idsWithWorkforce(compiled, oneMonth, 0)).as("size unknown").containsExactly("CST-001");
        assertThat(idsWithWorkforce(compiled, oneMonth, 30)).containsExactly("CST-001", "CST-S");
        assertThat(idsWithWorkforce(compiled, oneMonth, 50)).containsExactly("CST-001");
        assertThat(idsWithWorkforce(compiled, oneMonth, 400)).containsExactly("CST-001");
        assertThat(idsWithWorkforce(compiled, twoMonths, 300)).containsExactly("CST-001", "CST-L");
        assertThat(idsWithWorkforce(compiled, twoMonths, 299)).containsExactly("CST-001");
    }

    /** Judges {@code signal} after a registry signal giving the enterprise {@code workforce} workers (none if 0). */
    private static List<String> idsWithWorkforce(CompiledRuleSet compiled, Signal signal, int workforce) {
        Signal[] registry = workforce == 0 ? new Signal[0] : new Signal[] {Signals.signal(
                SignalType.ENTERPRISE_STATUS, E1, day(10), null, workforce, null, Map.of("status", "NORMAL"))};
        return evaluate(compiled, signal, registry).stream().map(f -> f.rule().id()).sorted().toList();
    }

    @Test
    void shouldGiveTheReasonOfTheRow() throws RuleSetRejected {
        CompiledRuleSet compiled = RuleSetCompiler.compile(new RuleSet("t-1", Map.of("thresholds.csv", csv(TABLE))));

        assertThat(evaluate(compiled, wageArrears(E1, 1, 3, 9_000, day(0))))
                .extracting(Finding::reason).containsExactly("建筑业欠薪");
    }

    @Test
    void shouldCompileAnXlsxTableLikeTheSameCsv() throws Exception {
        String workbook = Base64.getEncoder().encodeToString(xlsx(TABLE));

        CompiledRuleSet compiled = RuleSetCompiler.compile(new RuleSet("t-2", Map.of("thresholds.xlsx", workbook)));

        assertThat(compiled.ruleById("TBL-002").points()).isEqualTo(30);
        assertThat(ids(compiled, wageArrears(E1, 3, 3, 9_000, day(0)))).containsExactly("TBL-001", "TBL-002");
        assertThat(ids(compiled, retail(wageArrears(E1, 2, 3, 9_000, day(0))))).isEmpty();
    }

    @Test
    void shouldCompileTablesBesideDrlIntoOneRuleSet() throws RuleSetRejected {
        Map<String, String> sources = new HashMap<>(RuleSets.bundled().sources());
        sources.put("more-thresholds.csv", csv(TABLE));

        CompiledRuleSet compiled = RuleSetCompiler.compile(new RuleSet("t-3", sources));

        assertThat(compiled.rules()).hasSize(RuleSetCompiler.compile(RuleSets.bundled()).rules().size() + 2);
        assertThat(ids(compiled, wageArrears(E1, 1, 3, 9_000, day(0)))).contains("CST-001", "TBL-001");
    }

    @Test
    void shouldLoadTablesFromADirectoryWithAVersionFromTheirBytes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("thresholds.csv"), "\uFEFF" + csv(TABLE), StandardCharsets.UTF_8);
        List<List<String>> more = withCell(withCell(1, 1, "laborwatch.tables.more"), 9, 1, "TBL-003").subList(0, 9);
        Files.write(dir.resolve("more.xlsx"), xlsx(more));
        Files.writeString(dir.resolve("~$more.xlsx"), "an open workbook's lock file");

        RuleSet loaded = RuleSets.fromDirectory(dir, null);
        CompiledRuleSet compiled = RuleSetCompiler.compile(loaded);

        assertThat(loaded.sources()).containsOnlyKeys("more.xlsx", "thresholds.csv");
        assertThat(RuleSets.fromDirectory(dir, null).version()).isEqualTo(loaded.version());
        assertThat(compiled.rules()).extracting(m -> m.id()).containsExactlyInAnyOrder("TBL-001", "TBL-002", "TBL-003");
        Files.write(dir.resolve("more.xlsx"), xlsx(withCell(more, 9, 2, "16")));
        assertThat(RuleSets.fromDirectory(dir, null).version()).isNotEqualTo(loaded.version());
    }

    @Test
    void shouldCompileTheExampleTableOfTheDocs() throws Exception {
        CompiledRuleSet example = RuleSetCompiler.compile(RuleSets.fromDirectory(Path.of("examples/tables"), null));

        assertThat(ids(example, wageArrears(E1, 1, 3, 9_000, day(0)))).containsExactly("THR-001");
        assertThat(ids(example, wageArrears(E1, 2, 3, 9_000, day(0)))).containsExactly("THR-001", "THR-002");
        assertThat(ids(example, retail(wageArrears(E1, 3, 3, 9_000, day(0))))).containsExactly("THR-003");
        assertThat(example.ruleById("THR-004").points()).isEqualTo(20);
    }

    @Test
    void shouldRefuseACsvThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("thresholds.csv"), csv(TABLE).getBytes(Charset.forName("GBK")));

        assertThatThrownBy(() -> RuleSets.fromDirectory(dir, null))
                .hasMessageContaining("thresholds.csv").hasMessageContaining("CSV UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "points too high     | 10 | 2 | 150                              | expected 0 to 100",
        "points not a number | 10 | 2 | ten                              | ten",
        "unknown agency      | 10 | 3 | HRSS,POLICE                      | unknown agency POLICE",
        "no id               | 10 | 1 | ''                               | no @id",
        "process exit        | 10 | 6 | 3 && System.exit(0) == 0         | System",
        "reflection          | 9  | 6 | $f.getClass().getName().length() | getClass",
        "unknown feature     | 10 | 6 | monthsOverdue                    | monthsOverdue",
    })
    void shouldRejectABadCellNamingTheTableAndTheRow(String name, int row, int column, String value, String expected) {
        String table = csv(withCell(row, column, value));

        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("bad", Map.of("thresholds.csv", table))))
                .isInstanceOfSatisfying(RuleSetRejected.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("thresholds.csv");
                    assertThat(p.line()).isEqualTo(row);
                    assertThat(p.message()).contains(expected).contains("row " + row);
                }));
    }

    @Test
    void shouldRejectAMissingColumnNamingTheTableAndEveryRow() {
        List<List<String>> withoutPoints = new ArrayList<>();
        for (List<String> r : TABLE) {
            List<String> row = new ArrayList<>(r);
            if (row.size() > 2) {
                row.remove(2);
            }
            withoutPoints.add(row);
        }

        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("bad", Map.of("t.csv", csv(withoutPoints)))))
                .isInstanceOfSatisfying(RuleSetRejected.class, e -> assertThat(e.problems())
                        .extracting(RuleSetRejected.Problem::toString)
                        .contains("t.csv:" + FIRST_RULE_ROW + ": rule \"construction arrears\" has no @points (in row "
                                + FIRST_RULE_ROW + ")"));
    }

    @Test
    void shouldRejectAnUnknownColumnHeaderNamingTheCell() {
        String table = csv(withCell(5, 3, "SCORE"));

        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("bad", Map.of("t.csv", table))))
                .isInstanceOfSatisfying(RuleSetRejected.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.file()).isEqualTo("t.csv");
                            assertThat(p.line()).isEqualTo(5);
                            assertThat(p.message()).contains("SCORE").contains("D5");
                        }));
    }

    @Test
    void shouldRejectAHeaderThatDroolsReadsAsATimer() {
        // Drools reads a header by its first letter when it does not know the word: THRESHOLD is T, a TIMER column.
        String table = csv(withCell(5, 3, "THRESHOLD"));

        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("bad", Map.of("t.csv", table))))
                .isInstanceOfSatisfying(RuleSetRejected.class, e -> assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("t.csv");
                    assertThat(p.line()).isEqualTo(7);
                    assertThat(p.message()).contains("D7").contains("THRESHOLD is T, a TIMER column");
                }));
    }

    @Test
    void shouldRejectAGlobalOtherThanHitsInTheSettings() {
        String table = csv(withCell(3, 1, "java.lang.Runtime rt"));

        assertThat(RuleSetValidator.problems(new RuleSet("bad", Map.of("t.csv", table))))
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("t.csv");
                    assertThat(p.message()).contains("settings above the RuleTable");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MVEL dialect     | Dialect   | mvel                                          | dialect",
        "a function       | Functions | function int exit() { System.exit(0); return 0; } | System",
        "a query          | Queries   | query \"all\" EnterpriseFeatures() end          | queries",
        "a declared type  | Declare   | declare Evil name : String end                | declaring types",
        "an import        | Import    | java.io.File                                  | java.io.File",
    })
    void shouldRejectSettingsTheSandboxForbids(String name, String key, String value, String expected) {
        List<List<String>> table = new ArrayList<>(TABLE);
        table.add(3, List.of(key, value));

        assertThat(RuleSetValidator.problems(new RuleSet("bad", Map.of("t.csv", csv(table)))))
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("t.csv");
                    assertThat(p.message()).contains(expected);
                });
    }

    @Test
    void shouldRejectCodeInAReasonWhenQuotesAreNotEscaped() {
        List<List<String>> table = new ArrayList<>(withCell(9, 7, "x\"); System.exit(0); (\""));
        table.add(3, List.of("EscapeQuotes", "false"));

        assertThat(RuleSetValidator.problems(new RuleSet("bad", Map.of("t.csv", csv(table)))))
                .anySatisfy(p -> {
                    assertThat(p.line()).isEqualTo(FIRST_RULE_ROW + 1);
                    assertThat(p.message()).contains("System");
                });
    }

    @Test
    void shouldKeepAReasonWithQuotesAText() throws RuleSetRejected {
        String table = csv(withCell(9, 7, "x\"); System.exit(0); (\""));

        CompiledRuleSet compiled = RuleSetCompiler.compile(new RuleSet("q", Map.of("t.csv", table)));

        assertThat(evaluate(compiled, wageArrears(E1, 1, 3, 9_000, day(0)))).extracting(Finding::reason)
                .containsExactly("x\"); System.exit(0); (\"");
    }

    @Test
    void shouldRejectAWorkbookThatIsNotOne() {
        String notAWorkbook = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> RuleSetCompiler.compile(new RuleSet("bad", Map.of("t.xlsx", notAWorkbook))))
                .isInstanceOfSatisfying(RuleSetRejected.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.toString()).startsWith("t.xlsx: not a usable decision table")));
    }

    private static Signal retail(Signal s) {
        return new Signal(s.id(), s.type(), s.enterpriseId(), "青岛测试商贸有限公司", s.district(), "批发和零售业",
                SignalSource.HRSS, s.occurredAt(), s.amount(), s.workers(), s.months(), s.attributes());
    }

    private static List<String> ids(CompiledRuleSet compiled, Signal signal) {
        return evaluate(compiled, signal).stream().map(f -> f.rule().id()).sorted().toList();
    }

    /** Judges {@code signal} after the signals {@code before} it. */
    private static List<Finding> evaluate(CompiledRuleSet compiled, Signal signal, Signal... before) {
        SignalHistory history = new SignalHistory();
        for (Signal earlier : before) {
            history.add(Trace.of(earlier));
        }
        history.add(Trace.of(signal));
        EnterpriseFeatures features = FeatureCalculator.compute(signal, history, 0, RiskLevel.NONE);
        try (RuleEvaluator evaluator = compiled.newEvaluator(SessionMode.LONG_LIVED)) {
            return evaluator.evaluate(features, signal);
        }
    }
}
