package org.laborwatch.rules.ruleset;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.drools.decisiontable.parser.xls.ExcelParser;
import org.drools.template.parser.DataListener;
import org.laborwatch.rules.risk.RuleMeta;

/**
 * A points table: how many points each rule is worth, as a sheet policy staff edit and {@code rules calibrate}
 * writes, apart from the rules' logic. It overrides the {@code @points} of the rules it names; a rule it does not name
 * keeps its own. Layout ({@code .csv} or {@code .xlsx}, first sheet):
 *
 * <pre>
 * RulePoints,规则分值表
 * 编号,分值,说明
 * WAGE-001,34,校准:原 30 分
 * </pre>
 *
 * <p>Row 1 starts with the keyword {@value #KEYWORD} (a title may follow), row 2 holds the headings, then one row per
 * rule: its {@code @id}, whole points 0 to 100, an optional note. Cells are read with drools-decisiontables' own
 * parsers, as decision tables are; a CSV line by line from its text, so its Chinese survives any platform charset.
 * Problems name the table and the row, as a spreadsheet numbers them.
 */
final class PointsTable {
    static final String KEYWORD = "RulePoints";
    private static final int FIRST_RULE_ROW = 3;

    /** One rule's points, at its row of the sheet (1-based). */
    record Row(String file, int row, String ruleId, int points) {
    }

    private PointsTable() {
    }

    /** Whether a table source is a points table rather than a decision table: its first cell is the keyword. */
    static boolean isPointsTable(String file, String source) {
        if (!DecisionTable.isTable(file)) {
            return false;
        }
        if (isWorkbook(file)) {
            try {
                List<List<String>> cells = cells(file, source);
                return !cells.isEmpty() && !cells.get(0).isEmpty() && KEYWORD.equals(cells.get(0).get(0).strip());
            } catch (RuntimeException e) {
                return false; // not readable as a workbook: the decision-table reader says why
            }
        }
        String body = withoutBom(source).stripLeading();
        List<String> first = new CsvLineParser().parse(body.lines().findFirst().orElse(""));
        return !first.isEmpty() && KEYWORD.equals(first.get(0).strip());
    }

    /**
     * The rules' metadata with every points table of the rule set applied, or the problems found: an id no rule has,
     * a rule named twice, points that are not whole numbers from 0 to 100.
     */
    static Map<String, RuleMeta> apply(RuleSet ruleSet, Map<String, RuleMeta> metaByRule,
                                       List<RuleSetRejected.Problem> problems) {
        Map<String, String> keyById = new HashMap<>();
        metaByRule.forEach((key, meta) -> keyById.put(meta.id(), key));
        Map<String, Row> seen = new HashMap<>();
        Map<String, RuleMeta> applied = new HashMap<>(metaByRule);
        ruleSet.sources().forEach((file, source) -> {
            if (!isPointsTable(file, source)) {
                return;
            }
            for (Row row : rows(file, source, problems)) {
                Row earlier = seen.putIfAbsent(row.ruleId(), row);
                String key = keyById.get(row.ruleId());
                if (earlier != null) {
                    problems.add(problem(row, row.ruleId() + " is given points twice (first in " + earlier.file()
                            + " row " + earlier.row() + ")"));
                } else if (key == null) {
                    problems.add(problem(row, "no rule of this rule set has @id(\"" + row.ruleId() + "\")"));
                } else {
                    RuleMeta m = applied.get(key);
                    applied.put(key, new RuleMeta(m.ruleName(), m.id(), row.points(), m.agencies(), m.critical(),
                            m.evidence()));
                }
            }
        });
        return applied;
    }

    /** The table's rule rows; a row that cannot be read becomes a problem and is left out. */
    static List<Row> rows(String file, String source, List<RuleSetRejected.Problem> problems) {
        List<List<String>> cells;
        try {
            cells = cells(file, source);
        } catch (RuntimeException e) {
            problems.add(new RuleSetRejected.Problem(file, 0, "not a readable points table: " + e.getMessage()));
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (int i = FIRST_RULE_ROW - 1; i < cells.size(); i++) {
            List<String> row = cells.get(i);
            String id = cell(row, 0);
            String points = cell(row, 1);
            if (id.isEmpty() && points.isEmpty()) {
                continue; // a blank line between groups of rules
            }
            Row read = row(file, i + 1, id, points, problems);
            if (read != null) {
                rows.add(read);
            }
        }
        return rows;
    }

    private static Row row(String file, int row, String id, String points, List<RuleSetRejected.Problem> problems) {
        if (id.isEmpty()) {
            problems.add(new RuleSetRejected.Problem(file, row, "points " + points + " for no rule: the first "
                    + "column holds the rule's @id (row " + row + ")"));
            return null;
        }
        try {
            // A workbook may hand a typed number over as "34.0"; a whole number is a whole number however written.
            BigDecimal value = new BigDecimal(points).stripTrailingZeros();
            if (value.scale() <= 0 && value.signum() >= 0 && value.compareTo(BigDecimal.valueOf(100)) <= 0) {
                return new Row(file, row, id, value.intValueExact());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // told below, with the cell as written
        }
        problems.add(new RuleSetRejected.Problem(file, row, id + " has points \"" + points + "\", expected a "
                + "whole number from 0 to 100 (row " + row + ")"));
        return null;
    }

    private static RuleSetRejected.Problem problem(Row row, String message) {
        return new RuleSetRejected.Problem(row.file(), row.row(), message + " (row " + row.row() + ")");
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() && row.get(column) != null ? row.get(column).strip() : "";
    }

    /** Every row's cells, in sheet order (row 1 first). */
    static List<List<String>> cells(String file, String source) {
        Grid grid = new Grid();
        if (isWorkbook(file)) {
            byte[] bytes = Base64.getMimeDecoder().decode(source.strip());
            new ExcelParser(grid).parseFile(new ByteArrayInputStream(bytes));
        } else {
            CsvLineParser parser = new CsvLineParser();
            String[] lines = withoutBom(source).split("\r?\n", -1);
            grid.startSheet("csv");
            for (int row = 0; row < lines.length; row++) {
                List<String> values = parser.parse(lines[row]);
                grid.newRow(row, values.size());
                for (int col = 0; col < values.size(); col++) {
                    grid.newCell(row, col, values.get(col), DataListener.NON_MERGED);
                }
            }
            grid.finishSheet();
        }
        return grid.rows();
    }

    private static boolean isWorkbook(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(DecisionTable.XLSX);
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // Excel's "CSV UTF-8" starts with a BOM
    }

    /** Collects the first sheet's cells by row and column, whatever order the parser reports them in. */
    private static final class Grid implements DataListener {
        private final Map<Integer, Map<Integer, String>> cells = new TreeMap<>();
        private int sheets;

        @Override
        public void startSheet(String name) {
            sheets++;
        }

        @Override
        public void finishSheet() {
        }

        @Override
        public void newRow(int row, int columns) {
            if (sheets <= 1) { // the Excel parser may report cells without starting a sheet
                cells.computeIfAbsent(row, r -> new TreeMap<>());
            }
        }

        @Override
        public void newCell(int row, int column, String value, int mergedColStart) {
            if (sheets <= 1) { // the Excel parser may report cells without starting a sheet
                cells.computeIfAbsent(row, r -> new TreeMap<>()).put(column, value == null ? "" : value);
            }
        }

        List<List<String>> rows() {
            List<List<String>> rows = new ArrayList<>();
            int last = cells.isEmpty() ? -1 : ((TreeMap<Integer, ?>) cells).lastKey();
            for (int r = 0; r <= last; r++) {
                Map<Integer, String> row = cells.getOrDefault(r, Map.of());
                int width = row.isEmpty() ? 0 : ((TreeMap<Integer, String>) row).lastKey() + 1;
                List<String> values = new ArrayList<>(width);
                for (int c = 0; c < width; c++) {
                    values.add(row.getOrDefault(c, ""));
                }
                rows.add(values);
            }
            return rows;
        }
    }
}
