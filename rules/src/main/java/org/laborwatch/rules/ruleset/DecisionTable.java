package org.laborwatch.rules.ruleset;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.decisiontable.parser.RuleSheetListener;
import org.drools.decisiontable.parser.csv.CsvLineParser;

/**
 * A decision table (the Drools spreadsheet format: {@code RuleSet}, {@code Import}, {@code Variables}, then a
 * {@code RuleTable} of CONDITION, ACTION and METADATA columns, one rule per row) turned into the DRL it stands for. A
 * table is carried in a {@link RuleSet} as its author wrote it: a {@code .csv} as its text, an {@code .xlsx} as the
 * base64 of its bytes (JSON carries text only). Every holder expands it here, the same way, so what is validated
 * before publishing is what the job compiles, and a table's version is the hash of its own bytes.
 *
 * <p>The generated DRL is checked by the same {@link RuleSetValidator} and compiled by the same {@link RuleSetCompiler}
 * as hand-written DRL; problems found in it are reported against the table's row, which the generator marks above
 * each rule ({@code // rule values at B12, header at B7}).
 */
final class DecisionTable {
    static final String CSV = ".csv";
    static final String XLSX = ".xlsx";
    private static final Pattern ROW_MARK = Pattern.compile("^\\s*//\\s*rule values at ([A-Z]+)(\\d+)");
    private static final Pattern CELL = Pattern.compile("\\bcells? \\[?([A-Z]{1,3})(\\d+)\\b");
    /**
     * Rule attributes a table may not set. They come from attribute columns (TIMER, DURATION, CALENDARS), or from a
     * header Drools does not know, which it reads by its first letter: a column headed THRESHOLD is a TIMER column.
     */
    private static final Pattern QUOTED_EXPRESSION = Pattern.compile("Unable to Analyse Expression (.+?):\\s*$",
            Pattern.MULTILINE);
    private static final Pattern SCHEDULING = Pattern.compile("^\\s*(timer|duration|calendars)\\b");

    private DecisionTable() {
    }

    static boolean isTable(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        return name.endsWith(CSV) || name.endsWith(XLSX);
    }

    /** The DRL a table expands to, or the reason it cannot be read, naming the table and, when known, the row. */
    static Expanded expand(String file, String source) throws Unreadable {
        try {
            String drl = file.toLowerCase(Locale.ROOT).endsWith(XLSX) ? fromWorkbook(file, source) : fromCsv(source);
            return new Expanded(file, drl);
        } catch (Unreadable e) {
            throw e;
        } catch (RuntimeException e) {
            // DecisionTableParseException and POI's own: each says what is wrong, most name the cell ("in cell C8").
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim();
            String cause = e.getCause() == null ? null : e.getCause().getMessage();
            if (cause != null && !message.contains(cause)) {
                message += ": " + cause;
            }
            if (message.contains("leave this cell blank")) {
                message += " (its column is not headed CONDITION, ACTION or METADATA. Drools reads a header it does not "
                        + "know by its first letter: THRESHOLD is T, a TIMER column)";
            }
            Matcher cell = CELL.matcher(message);
            throw new Unreadable(new RuleSetRejected.Problem(file, cell.find() ? Integer.parseInt(cell.group(2)) : 0,
                    "not a usable decision table: " + message));
        }
    }

    private static String fromWorkbook(String file, String base64) throws Unreadable {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new Unreadable(new RuleSetRejected.Problem(file, 0,
                    "an .xlsx table travels as the base64 of the workbook, and this is not base64: " + e.getMessage()));
        }
        return new SpreadsheetCompiler().compile(new ByteArrayInputStream(bytes), InputType.XLS);
    }

    /**
     * Fed cell by cell rather than through Drools' CSV reader, which decodes bytes in the platform charset: on a
     * machine without a UTF-8 locale every Chinese reason and industry would turn into '?'. Same cells, same rules:
     * a cell ending in "..." continues the pattern of the cell before it, as a merged cell does in a workbook.
     */
    private static String fromCsv(String text) {
        RuleSheetListener listener = new DefaultRuleSheetListener();
        CsvLineParser parser = new CsvLineParser();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text; // Excel's "CSV UTF-8" starts with a BOM
        listener.startSheet("csv");
        String[] lines = body.split("\r?\n", -1);
        for (int row = 0; row < lines.length; row++) {
            List<String> cells = parser.parse(lines[row]);
            listener.newRow(row, cells.size());
            int mergeStart = RuleSheetListener.NON_MERGED;
            for (int col = 0; col < cells.size(); col++) {
                String cell = cells.get(col);
                boolean continues = cell.endsWith("...");
                mergeStart = continues ? (mergeStart == RuleSheetListener.NON_MERGED ? col : mergeStart)
                        : RuleSheetListener.NON_MERGED;
                listener.newCell(row, col, continues ? cell.substring(0, cell.length() - 3) : cell, mergeStart);
            }
        }
        listener.finishSheet();
        return new SpreadsheetCompiler().listenerToString(listener);
    }

    /** A table and the DRL it expands to. */
    record Expanded(String file, String drl) {

        /**
         * The row of the table that a line of the generated DRL came from: the last row mark at or above it, 0 for
         * the lines above the first rule (package, imports, globals, functions from the settings above the table).
         */
        int rowOf(int drlLine) {
            String[] lines = drl.split("\n", -1);
            for (int i = Math.min(drlLine, lines.length) - 1; i >= 0; i--) {
                Matcher mark = ROW_MARK.matcher(lines[i]);
                if (mark.find()) {
                    return Integer.parseInt(mark.group(2));
                }
            }
            return 0;
        }

        /** The line of generated DRL, for messages: authors see what their cells made. */
        String line(int drlLine) {
            String[] lines = drl.split("\n", -1);
            return drlLine >= 1 && drlLine <= lines.length ? lines[drlLine - 1].strip() : "";
        }

        /** A problem found at {@code drlLine} of the generated DRL, told against the table. */
        RuleSetRejected.Problem problemAt(int drlLine, String message) {
            int line = drlLine > 0 ? drlLine : lineQuotedBy(message);
            int row = rowOf(line);
            String where = row > 0 ? "row " + row : "the settings above the RuleTable";
            String generated = line(line);
            return new RuleSetRejected.Problem(file, row, message + " (in " + where
                    + (generated.isEmpty() ? "" : ", which gives: " + generated) + ")");
        }

        /**
         * Scheduling attributes the generated DRL sets. Rules judge the signal in front of them once; a hand-written
         * rule with a timer is rejected too, but a table sets one without the word appearing in any cell.
         */
        List<RuleSetRejected.Problem> schedulingProblems() {
            List<RuleSetRejected.Problem> problems = new ArrayList<>();
            String[] lines = drl.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher attribute = SCHEDULING.matcher(lines[i]);
                if (attribute.find()) {
                    problems.add(problemAt(i + 1, "'" + attribute.group(1) + "' is not allowed; a rule judges the "
                            + "signal in front of it once, it is never scheduled. A column header Drools does not know "
                            + "is read by its first letter (THRESHOLD is T, a TIMER column): head columns CONDITION, "
                            + "ACTION, METADATA, NAME or DESCRIPTION"));
                }
            }
            return problems;
        }

        /**
         * The line of generated DRL a compiler message without a line quotes ("Unable to Analyse Expression x >= y:"),
         * 0 when it quotes none: Drools gives no line for a constraint it cannot resolve.
         */
        private int lineQuotedBy(String message) {
            Matcher quoted = QUOTED_EXPRESSION.matcher(message);
            if (!quoted.find()) {
                return 0;
            }
            String expression = quoted.group(1).strip();
            String[] lines = drl.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!expression.isEmpty() && lines[i].contains(expression)) {
                    return i + 1;
                }
            }
            return 0;
        }

        /** The row a rule of this table came from, by the rule's name; 0 when the rule is not in this table. */
        int rowOfRule(String ruleName) {
            String[] lines = drl.split("\n", -1);
            String declaration = "rule \"" + ruleName + "\"";
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().equals(declaration)) {
                    return rowOf(i + 1);
                }
            }
            return 0;
        }
    }

    /** A table that cannot be expanded into DRL at all. */
    static final class Unreadable extends Exception {
        private final RuleSetRejected.Problem problem;

        Unreadable(RuleSetRejected.Problem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        RuleSetRejected.Problem problem() {
            return problem;
        }
    }

    /** Every expansion or every problem, for all tables of a rule set. */
    static List<Expanded> expandAll(RuleSet ruleSet, List<RuleSetRejected.Problem> problems) {
        List<Expanded> expanded = new ArrayList<>();
        ruleSet.sources().forEach((file, text) -> {
            if (isTable(file) && !PointsTable.isPointsTable(file, text)) {
                try {
                    expanded.add(expand(file, text));
                } catch (Unreadable e) {
                    problems.add(e.problem());
                }
            }
        });
        return expanded;
    }
}
