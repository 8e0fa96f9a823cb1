package org.laborwatch.rules.ruleset;

import java.util.List;

/** A rule set that must not go live, with every problem found (file, line, message). */
public class RuleSetRejected extends Exception {
    private final String version;
    private final List<Problem> problems;

    public RuleSetRejected(String version, List<Problem> problems) {
        super("rule set " + version + " rejected: " + summary(problems));
        this.version = version;
        this.problems = List.copyOf(problems);
    }

    public String version() {
        return version;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Problem p : problems) {
            text.append(System.lineSeparator()).append("  ").append(p);
        }
        return text.toString();
    }

    /**
     * One thing wrong with a rule source; {@code line} is 0 when the problem is not tied to a line, {@code column}
     * (1-based) is 0 when only the line is known (the Drools compiler's own messages).
     */
    public record Problem(String file, int line, int column, String message) {
        public Problem(String file, int line, String message) {
            this(file, line, 0, message);
        }

        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + (line > 0 && column > 0 ? ":" + column : "") + ": " + message;
        }
    }
}
