package org.laborwatch.rules.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks rule sources for what the compiler would accept but a rule must never do: I/O, reflection, threads,
 * process control, or imports beyond the fact model and plain value types. Rules run inside the streaming job on
 * every signal, so one rule that blocks or escapes would stall or compromise every agency's alerts.
 *
 * <p>Works on the text with comments and string literals blanked out (so a reason may say anything), keeping line
 * numbers so authors can find what to change.
 */
public final class RuleSetValidator {
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("\\bSystem\\b"),
            Pattern.compile("\\bRuntime\\b"),
            Pattern.compile("\\bProcessBuilder\\b"),
            Pattern.compile("\\bThread\\b"),
            Pattern.compile("\\bExecutors?\\b"),
            Pattern.compile("\\bClassLoader\\b"),
            Pattern.compile("\\bClass\\s*\\.\\s*forName\\b"),
            Pattern.compile("\\bgetClass\\s*\\("),
            Pattern.compile("\\breflect\\b"),
            Pattern.compile("\\bjava\\s*\\.\\s*(io|nio|net|lang\\s*\\.\\s*reflect|lang\\s*\\.\\s*invoke)\\b"),
            Pattern.compile("\\bFiles?\\b"),
            Pattern.compile("\\bsynchronized\\b"),
            Pattern.compile("\\bexit\\s*\\("));
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:function\\s+|static\\s+)?([\\w.*]+)");
    private static final List<String> ALLOWED_IMPORTS = List.of(
            "org.laborwatch.rules.", "java.util.", "java.math.", "java.time.");
    private static final Pattern GLOBAL = Pattern.compile("^\\s*global\\s+([\\w.]+)\\s+(\\w+)");
    private static final String FINDINGS_GLOBAL = "hits";

    private RuleSetValidator() {
    }

    /** Every problem in every source of the rule set; empty when it may be compiled. */
    public static List<RuleSetRejected.Problem> problems(RuleSet ruleSet) {
        List<RuleSetRejected.Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String> source : ruleSet.sources().entrySet()) {
            if (source.getKey().endsWith(".drl")) {
                check(source.getKey(), source.getValue(), problems);
            }
        }
        return problems;
    }

    private static void check(String file, String drl, List<RuleSetRejected.Problem> problems) {
        String[] lines = blankCommentsAndStrings(drl).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            checkLine(file, i + 1, lines[i], problems);
        }
    }

    private static void checkLine(String file, int line, String text, List<RuleSetRejected.Problem> problems) {
        Matcher imp = IMPORT.matcher(text);
        if (imp.find()) {
            String name = imp.group(1);
            if (ALLOWED_IMPORTS.stream().noneMatch(name::startsWith)) {
                problems.add(new RuleSetRejected.Problem(file, line, "import " + name
                        + " is not allowed; rules may import only " + ALLOWED_IMPORTS));
            }
            return;
        }
        Matcher global = GLOBAL.matcher(text);
        if (global.find() && !FINDINGS_GLOBAL.equals(global.group(2))) {
            problems.add(new RuleSetRejected.Problem(file, line, "global " + global.group(2)
                    + " is not allowed; the only global is 'Findings hits'"));
        }
        for (Pattern forbidden : FORBIDDEN) {
            Matcher m = forbidden.matcher(text);
            if (m.find()) {
                problems.add(new RuleSetRejected.Problem(file, line, "'" + m.group().trim()
                        + "' is not allowed in rules (no I/O, reflection, threads or process control)"));
            }
        }
    }

    /** Replaces comments and string contents by spaces, keeping every newline so line numbers stay true. */
    static String blankCommentsAndStrings(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        int i = 0;
        while (i < drl.length()) {
            char c = drl.charAt(i);
            if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '/') {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '*') {
                int end = drl.indexOf("*/", i + 2);
                end = end < 0 ? drl.length() : end + 2;
                blank(drl, i, end, out);
                i = end;
            } else if (c == '"') {
                int end = i + 1;
                while (end < drl.length() && drl.charAt(end) != '"' && drl.charAt(end) != '\n') {
                    end += drl.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, drl.length());
                out.append('"');
                blank(drl, i + 1, Math.max(i + 1, end - 1), out);
                if (end - 1 > i) {
                    out.append(drl.charAt(end - 1) == '"' ? '"' : ' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int j = from; j < to; j++) {
            out.append(text.charAt(j) == '\n' ? '\n' : ' ');
        }
    }
}
