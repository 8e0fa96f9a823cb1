package org.laborwatch.engine.scenario;

import java.util.List;

/**
 * What came of one scenario: nothing wrong, or every difference between what its author expected and what the engine
 * did, and in both cases what the engine did signal by signal.
 *
 * @param problems each a line a rule author can act on ("level of A at the end: expected YELLOW, got ORANGE ...")
 * @param course   one line per signal: when, what, the level after it and the rules that fired on it
 */
public record ScenarioResult(Scenario scenario, List<String> problems, List<String> course) {

    public ScenarioResult {
        problems = List.copyOf(problems);
        course = List.copyOf(course);
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    /** The readable report: {@code PASSED title}, or {@code FAILED title}, what differs, and what happened. */
    public String report() {
        StringBuilder out = new StringBuilder(passed() ? "PASSED " : "FAILED ").append(scenario.title()).append('\n');
        if (passed()) {
            return out.toString();
        }
        for (String problem : problems) {
            out.append("  - ").append(problem).append('\n');
        }
        out.append("  what the engine did:\n");
        for (String line : course) {
            out.append("    ").append(line).append('\n');
        }
        return out.toString();
    }
}
