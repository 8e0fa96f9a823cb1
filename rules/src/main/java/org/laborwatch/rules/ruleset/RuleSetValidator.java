package org.laborwatch.rules.ruleset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox: checks rule sources against an allowlist of what a rule may contain, before anything is compiled. Rules
 * run inside the streaming job on every signal, so one rule that blocks, loops or escapes would stall or compromise
 * every agency's alerts. Used by the CLI ({@code rules validate}, {@code rules publish}) and by the job through
 * {@link RuleSetCompiler#compile}.
 *
 * <p>Every name in a rule is checked against {@link RuleAllowlist}: a type must be one of the fact model's or a plain
 * value type, a member (method, field, property) must be one of theirs, a call without a receiver must be a function of
 * the rule set or a method of the fact a constraint is on. Unknown means rejected, however it is spelled: a fully
 * qualified {@code java.lang.System} fails on {@code lang}, which no allowed type has as a member. On top of that,
 * constructs that the names alone cannot show are rejected by keyword: loops, changing facts (which re-fires rules),
 * {@code eval}, {@code accumulate}, queries, declared types, timers, functions calling functions (recursion), MVEL,
 * globals other than {@code Findings hits}, imports of anything not allowed, and unicode escapes anywhere (Java reads
 * {@code \u005c u0022} as a quote before anything else, so an escape can end a string or a comment unseen).
 *
 * <p>Why the source and not the compiled form: in classic DRL the constraints are MVEL, interpreted and never turned into
 * bytecode we could inspect, and the executable model would make every compile several times slower for the job. The
 * check works on the text with comments and string literals blanked out (so a reason may say anything), keeping every
 * offset, so each problem carries its file, line and column.
 *
 * <p>Decision tables ({@code .csv}, {@code .xlsx}) are checked as the DRL they expand to ({@link DecisionTable}), each
 * problem named by the table and its row.
 */
public final class RuleSetValidator {
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"");
    private static final Set<String> LOOPS = Set.of("while", "for", "do", "foreach", "until");
    private static final Set<String> FACT_CHANGES = Set.of(
            "insert", "insertLogical", "update", "modify", "retract", "delete");
    /** Words that may stand before a parenthesis without being a call: Java statements and DRL/MVEL operators. */
    private static final Set<String> NOT_CALLS = Set.of(
            "if", "switch", "return", "catch", "in", "not", "exists", "forall", "from", "collect", "and", "or",
            "matches", "memberOf", "contains", "soundslike", "excludes", "instanceof", "throw", "new", "else");
    private static final Set<String> TIMERS = Set.of("timer", "calendars", "duration");
    /** A format specifier's width and precision: {@code %08.2f} has 08 and 2. */
    private static final Pattern FORMAT_SPECIFIER = Pattern.compile("%(\\d+\\$)?[-#+ 0,(<]*(\\d+)?(\\.(\\d+))?");
    /** Widths and precisions up to this many digits: a reason pads to a few columns, never to a million. */
    private static final int FORMAT_DIGITS = 3;

    private RuleSetValidator() {
    }

    /** Every problem in every source of the rule set; empty when it may be compiled. */
    public static List<RuleSetRejected.Problem> problems(RuleSet ruleSet) {
        List<RuleSetRejected.Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String> source : ruleSet.sources().entrySet()) {
            if (source.getKey().endsWith(".drl")) {
                new SourceCheck(source.getKey(), source.getValue(), problems).run();
            } else if (source.getKey().equals(Campaign.FILE)) {
                // Not a rule: the schedule of a campaign, checked here so a bad date is refused before publishing.
                problems.addAll(CampaignFile.problems(source.getValue()));
            } else if (!DecisionTable.isTable(source.getKey())) {
                // Only what is checked here is compiled: a source of another name would otherwise go unchecked.
                problems.add(new RuleSetRejected.Problem(source.getKey(), 0, "not a rule source; a rule set holds "
                        + ".drl files, decision tables (.csv, .xlsx) and, for a campaign, " + Campaign.FILE));
            }
        }
        // A decision table is checked as the DRL it expands to: a cell is code spliced into a template, so a cell can
        // hold anything a DRL file can. Problems are told against the table's row.
        for (DecisionTable.Expanded table : DecisionTable.expandAll(ruleSet, problems)) {
            List<RuleSetRejected.Problem> inDrl = new ArrayList<>();
            new SourceCheck(table.file(), table.drl(), inDrl).run();
            inDrl.forEach(p -> problems.add(table.problemAt(p.line(), p.message())));
            problems.addAll(table.schedulingProblems());
        }
        return problems;
    }

    /** The check of one DRL source. */
    private static final class SourceCheck {
        private final String file;
        private final String raw;
        private final List<RuleSetRejected.Problem> problems;
        private final int[] lineStarts;
        private final List<Token> tokens;
        private final Set<String> functions = new HashSet<>();
        /** Token index ranges [from, to) of function bodies. */
        private final List<int[]> functionBodies = new ArrayList<>();
        private final boolean[] checked;

        SourceCheck(String file, String raw, List<RuleSetRejected.Problem> problems) {
            this.file = file;
            this.raw = raw;
            this.problems = problems;
            this.lineStarts = lineStarts(raw);
            this.tokens = tokenize(blankCommentsAndStrings(raw));
            this.checked = new boolean[tokens.size()];
        }

        void run() {
            Matcher escape = UNICODE_ESCAPE.matcher(raw);
            while (escape.find()) {
                reject(escape.start(), "unicode escapes (\\u...) are not allowed anywhere in a rule source; "
                        + "write the character itself (the file is read as UTF-8)");
            }
            Matcher textBlock = TEXT_BLOCK.matcher(raw);
            while (textBlock.find()) {
                reject(textBlock.start(), "text blocks (\"\"\") are not allowed; write a reason as one \"...\" "
                        + "string");
            }
            for (Token token : tokens) {
                if (token.kind == Kind.STRING && (token.text.length() < 2
                        || token.text.charAt(token.text.length() - 1) != token.text.charAt(0))) {
                    reject(token, "this string does not close on the line it opens; a string in a rule must");
                }
            }
            findFunctions();
            for (int k = 0; k < tokens.size(); k++) {
                if (!checked[k] && tokens.get(k).kind == Kind.IDENT) {
                    checkIdentifier(k);
                }
            }
        }

        private void findFunctions() {
            for (int k = 0; k < tokens.size(); k++) {
                if (!isWord(k, "function") || isMember(k)) {
                    continue;
                }
                int name = k + 1;
                while (name < tokens.size() && !(tokens.get(name).kind == Kind.IDENT && isText(name + 1, "("))) {
                    name++;
                }
                if (name >= tokens.size()) {
                    return;
                }
                functions.add(tokens.get(name).text);
                int open = name + 1;
                while (open < tokens.size() && !isText(open, "{")) {
                    open++;
                }
                int close = matching(open, "{", "}");
                functionBodies.add(new int[] {open, close});
            }
        }

        private void checkIdentifier(int k) {
            Token token = tokens.get(k);
            String name = token.text;
            if (isText(k - 1, "@")) {
                return; // a metadata key: @id, @points
            }
            if (isMember(k)) {
                checkMember(k);
                return;
            }
            switch (name) {
                case "package" -> skipLine(k);
                case "import" -> checkImport(k);
                case "global" -> checkGlobal(k);
                case "dialect" -> checkDialect(k);
                case "rule" -> {
                    if (k + 1 < tokens.size() && tokens.get(k + 1).kind == Kind.IDENT) {
                        checked[k + 1] = true; // an unquoted rule name
                    }
                }
                case "function" -> {
                }
                case "drools" -> checkDroolsHandle(k);
                case "kcontext" -> {
                    reject(token, "'kcontext' is not available to rules; a consequence only records with "
                            + "hits.add(drools.getRule(), \"...\") or hits.settle(drools.getRule(), \"...\")");
                    skipRestOfChain(k);
                }
                case "eval" -> reject(token, "eval(...) is not allowed; write the test as a constraint on the fact, "
                        + "e.g. EnterpriseFeatures( complaints30d > 3 )");
                case "accumulate", "acc" -> reject(token, "accumulate is not allowed; the features already count "
                        + "and sum each signal type over 7, 30 and 90 days (count(...), amount(...))");
                case "query" -> reject(token, "queries are not allowed; a rule set only holds rules and functions");
                case "declare" -> reject(token, "declaring types is not allowed; rules see only the fact model");
                case "def" -> reject(token, "MVEL function definitions (def) are not allowed");
                case "synchronized", "class", "interface", "enum" -> reject(token,
                        "'" + name + "' is not allowed in rules");
                case "new" -> checkNew(k);
                default -> checkName(k);
            }
        }

        private void checkName(int k) {
            Token token = tokens.get(k);
            String name = token.text;
            if (LOOPS.contains(name)) {
                reject(token, "loops ('" + name + "') are not allowed; a rule must finish at once, "
                        + "so it may test and record but not repeat");
                return;
            }
            boolean call = isText(k + 1, "(");
            if (call && FACT_CHANGES.contains(name)) {
                reject(token, "'" + name + "' is not allowed; inserting or changing facts makes the rules fire "
                        + "again, possibly without end. A consequence only records with hits.add or hits.settle");
                return;
            }
            if (call && TIMERS.contains(name)) {
                reject(token, "'" + name + "' is not allowed; a rule judges the signal in front of it once, "
                        + "it is never scheduled");
                return;
            }
            if (name.startsWith("$")) {
                return; // a binding
            }
            if (Character.isUpperCase(name.charAt(0))) {
                if (!RuleAllowlist.allowsTypeName(name)) {
                    reject(token, "type '" + name + "' is not allowed; rules may use only "
                            + RuleAllowlist.describeTypes());
                    skipRestOfChain(k);
                }
                return;
            }
            if (isText(k + 1, ".") && qualifiedAllowedType(k)) {
                return;
            }
            if (call) {
                checkCall(k);
            }
            // Otherwise a variable, a property of the fact or a DRL keyword: harmless until called or dereferenced,
            // which is checked where it happens.
        }

        private void checkCall(int k) {
            Token token = tokens.get(k);
            String name = token.text;
            if (functions.contains(name)) {
                if (insideFunctionBody(k)) {
                    reject(token, "function calls '" + name + "', a function; functions may not call functions, "
                            + "which rules out recursion");
                }
                return;
            }
            if (NOT_CALLS.contains(name) || RuleAllowlist.allowsFactMember(name)) {
                return;
            }
            reject(token, "'" + name + "(...)' is neither a function of this rule set nor a method of the facts; "
                    + "a rule may call only those, and the methods of " + RuleAllowlist.describeTypes());
        }

        private void checkMember(int k) {
            Token token = tokens.get(k);
            if (isText(k + 1, "(") && (token.text.equals("format") || token.text.equals("formatted"))) {
                checkFormat(k);
            }
            if (!RuleAllowlist.allowsMember(token.text)) {
                reject(token, "'" + token.text + "' (in '" + chain(k) + "') is not something a rule may use; "
                        + "rules may reach only the methods and fields of the allowed types, named by their simple "
                        + "names (docs/rule-authoring.md)");
                skipRestOfChain(k);
            }
        }

        /**
         * {@code String.format("...", ...)} and {@code "...".formatted(...)}: the pattern written out, with small
         * widths.
         * A single call cannot be stopped once started, and {@code %999999999d} allocates gigabytes in one; a pattern
         * computed from a signal's text could ask for that at run time.
         */
        private void checkFormat(int k) {
            int pattern = tokens.get(k).text.equals("format") ? k + 2 : k - 2;
            if (pattern < 0 || pattern >= tokens.size() || tokens.get(pattern).kind != Kind.STRING) {
                reject(tokens.get(k), "'" + tokens.get(k).text + "' needs its pattern written out as one \"...\" "
                        + "string in the rule (String.format(\"欠薪 %d 个月\", n) or \"欠薪 %d 个月\".formatted(n)), "
                        + "not taken from a variable or the signal");
                return;
            }
            Token literal = tokens.get(pattern);
            Matcher specifier = FORMAT_SPECIFIER.matcher(raw.substring(literal.start, literal.end));
            while (specifier.find()) {
                for (int group : new int[] {2, 4}) {
                    String digits = specifier.group(group);
                    if (digits != null && digits.replaceFirst("^0+", "").length() > FORMAT_DIGITS) {
                        reject(literal.start + specifier.start(), "format width or precision '" + digits
                                + "' is too large; at most " + FORMAT_DIGITS + " digits (a reason never pads "
                                + "to thousands of characters)");
                    }
                }
            }
        }

        /** {@code java.math.BigDecimal} written out in a rule: fine when the type is allowed. */
        private boolean qualifiedAllowedType(int k) {
            StringBuilder name = new StringBuilder(tokens.get(k).text);
            int last = k;
            while (isText(last + 1, ".") && last + 2 < tokens.size() && tokens.get(last + 2).kind == Kind.IDENT) {
                last += 2;
                name.append('.').append(tokens.get(last).text);
                if (RuleAllowlist.allowsQualifiedType(name.toString())) {
                    for (int j = k; j <= last; j++) {
                        checked[j] = true;
                    }
                    return true;
                }
            }
            return false;
        }

        private void checkImport(int k) {
            Token token = tokens.get(k);
            int line = lineOf(token.start);
            List<String> words = new ArrayList<>();
            for (int j = k + 1; j < tokens.size() && lineOf(tokens.get(j).start) == line && !isText(j, ";"); j++) {
                words.add(tokens.get(j).text);
                checked[j] = true;
            }
            boolean ofFunction = !words.isEmpty() && (words.get(0).equals("function") || words.get(0).equals("static"));
            String imported = String.join("", ofFunction ? words.subList(1, words.size()) : words);
            if (ofFunction) {
                reject(token, "'import " + words.get(0) + " " + imported + "' is not allowed; rules may use only "
                        + "functions declared in the rule set");
            } else if (imported.endsWith("*")) {
                reject(token, "'import " + imported + "' is not allowed; import each type by name");
            } else if (!RuleAllowlist.allowsQualifiedType(imported)) {
                reject(token, "'import " + imported + "' is not allowed; rules may use only "
                        + RuleAllowlist.describeTypes());
            }
        }

        private void checkGlobal(int k) {
            Token token = tokens.get(k);
            boolean findings = k + 2 < tokens.size()
                    && (tokens.get(k + 1).text.equals("Findings")) && tokens.get(k + 2).text.equals("hits");
            if (findings) {
                checked[k + 1] = true;
                checked[k + 2] = true;
            } else {
                reject(token, "this global is not allowed; the only global is 'global Findings hits'");
                skipLine(k);
            }
        }

        private void checkDialect(int k) {
            Token token = tokens.get(k);
            Token value = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
            String dialect = value != null && value.kind == Kind.STRING
                    ? raw.substring(value.start + 1, Math.max(value.start + 1, value.end - 1)) : "";
            if (!dialect.equals("java")) {
                reject(token, "dialect \"" + dialect + "\" is not allowed; rules are written in the default "
                        + "(java) dialect");
            }
        }

        private void checkDroolsHandle(int k) {
            if (isText(k + 1, ".") && isWord(k + 2, "getRule") && isText(k + 3, "(")) {
                checked[k + 2] = true;
                return;
            }
            reject(tokens.get(k), "'drools' offers rules only drools.getRule(), to name the rule in "
                    + "hits.add(drools.getRule(), \"...\")");
            skipRestOfChain(k);
        }

        private void checkNew(int k) {
            int j = k + 1;
            while (j < tokens.size() && (tokens.get(j).kind == Kind.IDENT || isText(j, "."))) {
                j++;
            }
            if (isText(j, "<")) {
                j = matching(j, "<", ">") + 1;
            }
            if (isText(j, "[") || isText(j, "{")) {
                reject(tokens.get(k), "creating arrays or anonymous classes is not allowed in rules");
            }
        }

        /** One problem per chain: java.lang.System.exit or System.exit is one mistake, not three. */
        private void skipRestOfChain(int k) {
            for (int j = k + 1; isText(j, ".") && j + 1 < tokens.size(); j += 2) {
                checked[j + 1] = true;
            }
        }

        private void skipLine(int k) {
            int line = lineOf(tokens.get(k).start);
            for (int j = k; j < tokens.size() && lineOf(tokens.get(j).start) == line; j++) {
                checked[j] = true;
            }
        }

        private boolean insideFunctionBody(int k) {
            for (int[] body : functionBodies) {
                if (k > body[0] && k < body[1]) {
                    return true;
                }
            }
            return false;
        }

        private int matching(int open, String opening, String closing) {
            int depth = 0;
            for (int j = open; j < tokens.size(); j++) {
                if (isText(j, opening)) {
                    depth++;
                } else if (isText(j, closing) && --depth == 0) {
                    return j;
                }
            }
            return tokens.size();
        }

        /** After '.', '::', MVEL's '.?' or '?.': a member of whatever stands before. */
        private boolean isMember(int k) {
            return isText(k - 1, ".") || isText(k - 1, "::") || isText(k - 1, "?") && isText(k - 2, ".");
        }

        /** The dotted chain the member at k belongs to, for messages: java.lang.System. */
        private String chain(int k) {
            int from = k;
            while (from >= 2 && isText(from - 1, ".") && tokens.get(from - 2).kind == Kind.IDENT) {
                from -= 2;
            }
            StringBuilder text = new StringBuilder();
            for (int j = from; j <= k; j++) {
                text.append(tokens.get(j).text);
            }
            return text.toString();
        }

        private boolean isText(int k, String text) {
            return k >= 0 && k < tokens.size() && tokens.get(k).text.equals(text);
        }

        private boolean isWord(int k, String word) {
            return k >= 0 && k < tokens.size() && tokens.get(k).kind == Kind.IDENT && tokens.get(k).text.equals(word);
        }

        private void reject(Token token, String message) {
            reject(token.start, message);
        }

        private void reject(int offset, String message) {
            int line = lineOf(offset);
            problems.add(new RuleSetRejected.Problem(file, line, offset - lineStarts[line - 1] + 1, message));
        }

        private int lineOf(int offset) {
            int at = Arrays.binarySearch(lineStarts, offset);
            return at >= 0 ? at + 1 : -at - 1;
        }

        private static int[] lineStarts(String text) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            return starts.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private enum Kind { IDENT, NUMBER, STRING, PUNCT }

    private record Token(Kind kind, String text, int start, int end) {
    }

    /** Splits blanked DRL into identifiers, numbers, (blanked) strings and punctuation, keeping offsets. */
    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (Character.isJavaIdentifierStart(c)) {
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, text.substring(start, i), start, i));
            } else if (Character.isDigit(c)) {
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start, i));
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n') {
                    i++;
                }
                i = Math.min(i + 1, text.length());
                tokens.add(new Token(Kind.STRING, text.substring(start, i), start, i));
            } else if (c == ':' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                i += 2;
                tokens.add(new Token(Kind.PUNCT, "::", start, i));
            } else {
                i++;
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c), start, i));
            }
        }
        return tokens;
    }

    /** Replaces comments and string contents by spaces, keeping every offset so lines and columns stay true. */
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
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < drl.length() && drl.charAt(end) != c && drl.charAt(end) != '\n') {
                    // An escape never carries a string over a line end: the string is then cut there, and reported.
                    end += drl.charAt(end) == '\\' && end + 1 < drl.length() && drl.charAt(end + 1) != '\n' ? 2 : 1;
                }
                end = Math.min(end + 1, drl.length());
                out.append(c);
                blank(drl, i + 1, Math.max(i + 1, end - 1), out);
                if (end - 1 > i) {
                    char last = drl.charAt(end - 1);
                    out.append(last == c || last == '\n' ? last : ' ');
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
